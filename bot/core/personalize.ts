import type { Action, Catalog, Entry, Placeholder } from '../../catalog/index.ts';
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

/** "database = SalesDB": what was filled in, so the user can check it. */
export function describeFilled(names: readonly Placeholder[], details: PasteDetails): string[] {
  const values = valuesOf(details);
  return names.map((n) => `${n} = ${values[n] ?? ''}`);
}

function fillActions(actions: readonly Action[], values: ReturnType<typeof valuesOf>, filled: Set<Placeholder>): Action[] {
  return actions.map((a) => {
    if (!a.code) return a;
    const f = fillBlock(a.code, values);
    for (const n of f.filled) filled.add(n);
    return { ...a, code: f.code };
  });
}

/** The entry with its commands filled from the paste, and what was filled ("database = SalesDB"). */
export function personalizeEntry(entry: Entry, details: PasteDetails): { entry: Entry; filled: string[] } {
  const values = valuesOf(details);
  if (Object.keys(values).length === 0) return { entry, filled: [] };
  const filled = new Set<Placeholder>();
  const actions = fillActions(entry.actions, values, filled);
  const facets = entry.facets.map((f) => {
    if (!f.code) return f;
    const r = fillBlock(f.code, values);
    for (const n of r.filled) filled.add(n);
    return { ...f, code: r.code };
  });
  return { entry: { ...entry, actions, facets }, filled: describeFilled([...filled], details) };
}

/** A follow-up's commands filled the same way. */
export function personalizeFollowUp(body: FollowUpBody, details: PasteDetails): FollowUpBody {
  const values = valuesOf(details);
  const filled = new Set<Placeholder>();
  const code = body.code ? fillBlock(body.code, values) : undefined;
  for (const n of code?.filled ?? []) filled.add(n);
  const actions = body.actions ? fillActions(body.actions, values, filled) : undefined;
  if (filled.size === 0) return body;
  return { ...body, ...(code ? { code: code.code } : {}), ...(actions ? { actions } : {}), filled: describeFilled([...filled], details) };
}
