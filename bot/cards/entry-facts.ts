import type { Entry } from '../../catalog/index.ts';
import type { PasteDetails } from '../../intents/index.ts';

/** Facts every renderer shows the same way, so Slack, Teams and the terminal never drift. */

/** "What Azure says": only a message this entry owns; a text copied from another code would mislead. */
export function shownMessage(entry: Entry): string | undefined {
  return entry.messages.find((m) => m.match)?.text;
}

/** "master · Differential · MSSQLSERVER · sqlvm-01": what the paste said, most telling first. */
export function describeDetails(d: PasteDetails): string {
  const parts = [
    d.database,
    d.backupType ? `${d.backupType} backup` : undefined,
    d.operation && !d.backupType ? d.operation : undefined,
    d.instance,
    d.server,
    d.vault ? `vault ${d.vault}` : undefined,
    d.secondary ? 'on a secondary replica' : undefined,
    d.jobId ? `job ${d.jobId}` : undefined,
  ];
  return parts.filter((p): p is string => p !== undefined).join(' · ');
}

/** What the bot read from the paste, shown above the answer so the user can check it at a glance. */
export function pasteLines(b: {
  readonly corrected?: readonly { readonly from: string; readonly to: string }[];
  readonly details?: PasteDetails;
  readonly advice?: readonly string[];
  readonly filled?: readonly string[];
}): string[] {
  return [
    ...(b.corrected ?? []).map((c) => `Read "${c.from}" as ${c.to}.`),
    ...(b.details && describeDetails(b.details) ? [`From your paste: ${describeDetails(b.details)}`] : []),
    ...(b.advice ?? []),
    ...(b.filled && b.filled.length > 0 ? [`Filled in the commands from your paste: ${b.filled.join(', ')}`] : []),
  ];
}
