import type { Catalog, CodeBlock, Entry, Placeholder } from '../../catalog/index.ts';
import type { PasteDetails } from '../../intents/index.ts';
import { fillBlock, valuesOf } from './fill-placeholders.ts';
import type { ReplyBody } from './types.ts';

type FollowUpBody = Extract<ReplyBody, { kind: 'follow-up' }>;

/**
 * What the paste says changes the answer: the commands name the pasted database, a backup
 * type master can never take is called out, and a job on a secondary replica gets the
 * secondary's reading of the error.
 */

const SYSTEM_FULL_ONLY = 'master';

/** An entry whose error has another reading on an availability group secondary, where the catalog names it. */
export function readingFor(catalog: Catalog, entry: Entry, details: PasteDetails): Entry {
  if (!details.secondary || !entry.onSecondary) return entry;
  return catalog.get(entry.onSecondary) ?? entry;
}

export function adviceFor(entry: Entry, details: PasteDetails): string[] {
  const type = details.backupType;
  if (details.database?.toLowerCase() !== SYSTEM_FULL_ONLY || (type !== 'Differential' && type !== 'Log')) return [];
  const kind = type === 'Log' ? 'log' : 'differential';
  return [
    `master takes full backups only, so this ${kind} backup of master will never run, whatever else you fix. ` +
      `Protect master with a policy that takes full backups, and keep ${kind} backups for user databases` +
      (entry.kind === 'error' ? '.' : '; the rest of this card applies to them.'),
  ];
}

/** Fills the commands of parts of an answer from the paste, and says afterwards what it filled ("database = SalesDB"). */
function filler(details: PasteDetails) {
  const values = valuesOf(details);
  const names = new Set<Placeholder>();
  return {
    code<T extends { readonly code?: CodeBlock | undefined }>(part: T): T {
      if (!part.code) return part;
      const r = fillBlock(part.code, values);
      for (const n of r.filled) names.add(n);
      return r.filled.length > 0 ? { ...part, code: r.code } : part;
    },
    filled: (): string[] => [...names].map((n) => `${n} = ${values[n] ?? ''}`),
  };
}

/** The entry with its commands filled from the paste, and what was filled. */
export function personalizeEntry(entry: Entry, details: PasteDetails): { entry: Entry; filled: string[] } {
  const fill = filler(details);
  const actions = entry.actions.map((a) => fill.code(a));
  const facets = entry.facets.map((f) => fill.code(f));
  const filled = fill.filled();
  return { entry: filled.length > 0 ? { ...entry, actions, facets } : entry, filled };
}

/** A follow-up's commands filled the same way. */
export function personalizeFollowUp(body: FollowUpBody, details: PasteDetails): FollowUpBody {
  const fill = filler(details);
  const filledBody = { ...fill.code(body), ...(body.actions ? { actions: body.actions.map((a) => fill.code(a)) } : {}) };
  const filled = fill.filled();
  return filled.length > 0 ? { ...filledBody, filled } : body;
}
