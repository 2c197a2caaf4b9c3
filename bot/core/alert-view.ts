import type { AzureButtons, ReplyBody } from './types.ts';

/**
 * What an alert's root card shows: Azure's facts about the failure beside the same
 * diagnosis a paste gets, and the problem's state. Renderers turn it into Block Kit and an
 * Adaptive Card; the alerts desk (bot/alerts) builds it.
 */
export interface AlertView {
  /** The problem this card is the root of (its buttons name it). */
  readonly problemId: string;
  /** Azure's alert rule: Backup Failure, Restore Failure, … */
  readonly rule: string;
  readonly severity: string;
  readonly state:
    | { readonly kind: 'open' }
    | { readonly kind: 'resolved'; readonly by: 'azure' | 'quiet'; readonly at: string }
    /** Closed from the card by `who`. */
    | { readonly kind: 'resolved'; readonly by: 'user'; readonly who: string; readonly at: string };
  /** Label and value, in order: database, instance, VM, vault, first fired, occurrences… */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** Azure's own message and recommended action, quoted as Azure sent them. */
  readonly description: string;
  readonly recommended: string | null;
  readonly investigationLink: string | null;
  readonly acknowledged: { readonly by: string; readonly at: string } | null;
  /** `until` null: muted until resolved. */
  readonly muted: { readonly by: string; readonly until: string | null } | null;
  /** The catalog's diagnosis (entries or unknown-code); null for alerts it does not cover. */
  readonly diagnosis: Extract<ReplyBody, { kind: 'entries' | 'unknown-code' }> | null;
  /** Recent jobs / Run full backup, when the team acts on Azure from the card and the alert names a SQL database. */
  readonly azure?: AzureButtons;
  /** AZURE_ACTIONS=on: Acknowledge and Close change Azure's alert too, so they need permission. */
  readonly changesAzure?: true;
}
