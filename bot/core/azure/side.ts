import type { Place, Reply } from '../types.ts';
import type { AllowList } from './allow-list.ts';
import type { AzureActions } from './port.ts';

/** How the core reaches a conversation later, with nobody asking: the started platforms. */
export interface Conversations {
  post(place: Place, reply: Reply): Promise<string>;
  update(place: Place, messageId: string, reply: Reply): Promise<void>;
  /** The thread that replies to a message posted with `post` live in. */
  replyPlace(place: Place, messageId: string): Place;
  /** The members of a user group (Slack's S… ids); empty where the platform has none. */
  membersOf(place: Place, group: string): Promise<readonly string[]>;
}

/** Everything the core acts on Azure with, when a team opted in (AZURE_ACTIONS=on). */
export interface AzureSide {
  readonly actions: AzureActions;
  /** Who may write (start a backup, change an alert's state). Reading is open to the conversation. */
  readonly allowed: AllowList;
  /** How long an on-demand full backup is kept unless the confirmation says otherwise. */
  readonly retentionDays: number;
  /** How often a started job is looked at, and for how long at most. */
  readonly follow: { readonly everyMs: number; readonly forMs: number };
  readonly conversations: Conversations;
}
