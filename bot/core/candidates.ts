import type { Catalog, Entry } from '../../catalog/index.ts';
import type { Candidate, EntryRef } from './types.ts';

export const MAX_CANDIDATES = 4;

export function refOf(entry: Entry): EntryRef {
  return { id: entry.id, title: entry.title, category: entry.category };
}

/**
 * Scored ids to candidates: unknown ids dropped (the catalog may have changed since a
 * thread context was stored), duplicates and excluded ids skipped, at most `max`.
 */
export function toCandidates(
  catalog: Catalog,
  scored: readonly { readonly id: string; readonly score: number }[],
  exclude: readonly string[] = [],
  max = MAX_CANDIDATES,
): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set(exclude);
  for (const { id, score } of scored) {
    if (out.length >= max) break;
    const entry = catalog.get(id);
    if (!entry || seen.has(id)) continue;
    seen.add(id);
    out.push({ ...refOf(entry), score });
  }
  return out;
}

/**
 * "That's not it" and "Not helpful": the thread's runners-up, best first, else the entry's
 * related ones as candidates of last resort.
 */
export function othersThan(catalog: Catalog, entry: Entry, runnersUp: readonly string[]): Candidate[] {
  const fromThread = toCandidates(catalog, runnersUp.map((id, i) => ({ id, score: 1 - i / 100 })), [entry.id]);
  return fromThread.length > 0 ? fromThread : relatedCandidates(catalog, entry);
}

/** Related entries as candidates of last resort, when no ranking is at hand. */
export function relatedCandidates(catalog: Catalog, entry: Entry, exclude: readonly string[] = []): Candidate[] {
  return toCandidates(
    catalog,
    entry.related.map((id) => ({ id, score: 0 })),
    [entry.id, ...exclude],
  );
}
