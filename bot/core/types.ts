import type { Action, Category, CodeBlock, Entry } from '../../catalog/index.ts';
import type { PasteDetails, Topic } from '../../intents/index.ts';
import type { CardAction } from './card-action.ts';

export type { CardAction } from './card-action.ts';
import type { AlertView } from './alert-view.ts';
import type { JobStatus, JobSummary } from './azure/port.ts';

/**
 * The Azure buttons of a card about one protected database (AZURE_ACTIONS=on): what they
 * act on is kept in the store under `ref`, so a button carries no resource id anyone could forge.
 */
export interface AzureButtons {
  readonly ref: string;
  /** Offer "Run full backup now": the entry's fix is a full backup. */
  readonly backup: boolean;
}

/** Who did something: the platform's user id, and the name the platform gave when it gave one. */
export interface Who {
  readonly id: string;
  readonly name?: string;
}

/**
 * The platform-neutral conversation model. Adapters translate a Slack event or a Teams
 * activity into an `Incoming`, call the core's `handle`, and render the `Reply` it returns
 * (Block Kit or an Adaptive Card). Nothing here knows about either platform.
 */

export type Platform = 'slack' | 'teams';

/** Where a message was said, and where an answer goes. */
export interface Place {
  readonly platform: Platform;
  /** Slack team id / Teams tenant id. */
  readonly team: string;
  /** Slack channel id / Teams conversation id (without the ;messageid= suffix). */
  readonly channel: string;
  /**
   * Root of the thread the answer goes in, which is also the key of the thread's context:
   * Slack thread_ts, or the message's own ts for a top-level channel message (the answer
   * starts a thread on it); Teams reply-chain root id. Null for a top-level DM message: the
   * DM conversation itself is then the context.
   */
  readonly thread: string | null;
  readonly space: 'channel' | 'group' | 'dm';
}

interface IncomingBase {
  /** Platform delivery id (Slack event_id / Teams activity id): deduplicates retries and replicas. */
  readonly id: string;
  readonly user: string;
  /** The user's display name, where the platform sends it (Teams); Slack renders ids itself. */
  readonly userName?: string;
  readonly place: Place;
}

export type Incoming =
  | (IncomingBase & {
      readonly type: 'message';
      readonly text: string;
      /** A mention of the bot or a DM: always answer (direct mode). Otherwise channel mode. */
      readonly addressed: boolean;
    })
  | (IncomingBase & { readonly type: 'command'; readonly text: string })
  | (IncomingBase & { readonly type: 'action'; readonly action: CardAction });

/** A short reference to an entry, for candidates, lists and follow-ups. */
export interface EntryRef {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
}

/** How often an entry was answered over a window, and how its answers were rated. */
export interface StatsRow extends EntryRef {
  readonly answered: number;
  readonly helpful: number;
  readonly unhelpful: number;
}

export interface StatsWindow {
  readonly days: number;
  /** Answers over the window, all entries together. */
  readonly answered: number;
  /** The most answered entries, most first. */
  readonly top: readonly StatsRow[];
}

export interface Candidate extends EntryRef {
  readonly score: number;
}

export type ReplyBody =
  /** One card per entry found (a paste with several codes gets several), best first. */
  | {
      readonly kind: 'entries';
      readonly entries: readonly Entry[];
      readonly alternatives: readonly Candidate[];
      /** The whole entry ("Show the rest" was pressed): split long parts instead of cutting them. */
      readonly expanded?: boolean;
      /** What the paste said besides its error (database, backup type, server...), shown on the card. */
      readonly details?: PasteDetails;
      /** Remarks the details call for ("master takes full backups only: this differential will never run"). */
      readonly advice?: readonly string[];
      /** Placeholders filled in the commands from the paste, e.g. "database = SalesDB". */
      readonly filled?: readonly string[];
      /** Misspelt codes and what they were read as. */
      readonly corrected?: readonly { readonly from: string; readonly to: string }[];
      /** The paste named a protected database and the team acts on Azure from the card. */
      readonly azure?: AzureButtons;
    }
  | { readonly kind: 'did-you-mean'; readonly query: string; readonly candidates: readonly Candidate[] }
  | { readonly kind: 'unknown-code'; readonly codes: readonly string[]; readonly candidates: readonly Candidate[] }
  | { readonly kind: 'foreign'; readonly product: 'sap-hana'; readonly codes: readonly string[]; readonly docsUrl: string }
  /** An answer to a question asked in an entry's thread. */
  | {
      readonly kind: 'follow-up';
      readonly entry: EntryRef;
      readonly heading: string;
      readonly text: string;
      readonly items?: readonly string[];
      readonly code?: CodeBlock;
      readonly link?: { readonly url: string; readonly title: string };
      /** Ordered steps, each with its own command (for "how do I fix it" and for facets the entry lacks). */
      readonly actions?: readonly Action[];
      readonly topic: Topic;
      /** Placeholders filled in the commands from the thread's paste. */
      readonly filled?: readonly string[];
    }
  /** What the bot does; `azure` lists the commands that act on Azure too. */
  | { readonly kind: 'help'; readonly azure?: true }
  | { readonly kind: 'list'; readonly groups: readonly { readonly category: Category; readonly entries: readonly EntryRef[] }[] }
  | { readonly kind: 'search'; readonly query: string; readonly candidates: readonly Candidate[] }
  | {
      readonly kind: 'feedback-ack';
      readonly helpful: boolean;
      readonly entry: EntryRef;
      readonly alternatives: readonly Candidate[];
      /** The entry again, so a card that is replaced keeps its answer under the thanks. */
      readonly detail?: Entry;
    }
  /** What the team keeps hitting: the most answered entries over the last 7 and 30 days. */
  | { readonly kind: 'stats'; readonly windows: readonly StatsWindow[] }
  /** Plain information: watch on/off, rate limits, "nothing found". */
  | {
      readonly kind: 'notice';
      readonly text: string;
      /** Who the line is about, put before the text as the platform shows users ("@ana acknowledged…"). */
      readonly by?: Who;
    }
  /** The root card of an alert problem, posted with nobody asking and redrawn as it changes. */
  | { readonly kind: 'alert'; readonly view: AlertView }
  /** A protected database's latest backup jobs, newest first, as Azure lists them. */
  | { readonly kind: 'jobs'; readonly database: string; readonly vault: string; readonly jobs: readonly JobSummary[]; readonly azure: AzureButtons }
  /** "Start a full backup of … in …, kept for N days?": a Slack modal, a Teams dialog. */
  | {
      readonly kind: 'confirm-backup';
      readonly ref: string;
      readonly nonce: string;
      readonly database: string;
      readonly instance: string;
      readonly vm: string;
      readonly vault: string;
      /** Where the vault is: a pasted id can name any vault, and same-named vaults must not look alike. */
      readonly resourceGroup: string;
      readonly subscription: string;
      readonly days: number;
    }
  /** A full backup started from the card, redrawn as its job moves on. */
  | {
      readonly kind: 'backup-run';
      readonly database: string;
      readonly vault: string;
      readonly by: Who;
      /** When it was started, "2026-11-27 10:02 UTC". */
      readonly at: string;
      readonly jobId: string | null;
      readonly status: JobStatus;
      readonly keptUntil: string;
      readonly error: { readonly code: string; readonly message: string | null } | null;
      readonly finishedAt: string | null;
      /** Why the card stopped moving before the job ended ("no longer followed…"). */
      readonly note?: string;
    };

/**
 * How the adapter delivers the reply: in the thread of the message, privately to the user
 * (Slack ephemeral / slash command), replacing the card that was clicked, visibly in the
 * channel (Share), or as a dialog only the presser sees (a Slack modal, a Teams task module).
 */
export type Delivery = 'thread' | 'ephemeral' | 'replace' | 'channel' | 'dialog';

export interface Reply {
  readonly body: ReplyBody;
  readonly delivery: Delivery;
  /** A short remark shown under the answer, e.g. that an oversized paste was only partly read. */
  readonly note?: string;
}
