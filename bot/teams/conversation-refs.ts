import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { CoreDeps } from '../core/deps.ts';
import type { Place } from '../core/types.ts';

/**
 * Teams can post with nobody asking only with the conversation reference (service URL, ids of
 * the bot, tenant and conversation) of a conversation it was in. Kept in the store, so any
 * replica can post, renewed whenever the bot is installed there or `alerts here` is said.
 */

const TTL_MS = 365 * 24 * 3_600_000;

const keyOf = (place: Pick<Place, 'team' | 'channel'>) => `teams-ref:${place.team}:${place.channel}`;

export async function keepReference(deps: CoreDeps, place: Place, activity: Partial<Activity>): Promise<void> {
  const reference = TurnContext.getConversationReference(activity);
  // The conversation itself, not the reply chain the words were said in.
  const conversation = { ...reference.conversation, id: place.channel } as ConversationReference['conversation'];
  await deps.store.set(keyOf(place), { ...reference, conversation, activityId: undefined }, TTL_MS);
}

/** The reference to post into `place`: in its reply chain when `place.thread` names one. */
export async function referenceFor(deps: CoreDeps, place: Place): Promise<Partial<ConversationReference> | undefined> {
  const kept = await deps.store.get<Partial<ConversationReference>>(keyOf(place));
  if (!kept?.conversation) return undefined;
  const id = place.space === 'channel' && place.thread !== null ? `${place.channel};messageid=${place.thread}` : place.channel;
  return { ...kept, conversation: { ...kept.conversation, id } };
}
