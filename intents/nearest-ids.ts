import type { Entry } from '../catalog/index.ts';
import { bigrams, core, type CodeGuess } from './fuzzy-codes.ts';
import { JaroWinklerDistance } from './natural.ts';

interface Near {
  readonly id: string;
  readonly lower: string;
  readonly core: string;
  readonly aliases: readonly string[];
  /** Letter pairs of the id and its aliases, for the cheap first cut. */
  readonly grams: Set<string>;
}

const prepared = new WeakMap<readonly Entry[], readonly Near[]>();

function nearIndex(entries: readonly Entry[]): readonly Near[] {
  let list = prepared.get(entries);
  if (!list) {
    list = entries.map((entry) => {
      const lower = entry.id.toLowerCase();
      const aliases = entry.aliases.map((a) => a.toLowerCase());
      return { id: entry.id, lower, core: core(lower), aliases, grams: bigrams([lower, ...aliases].join(' ')) };
    });
    prepared.set(entries, list);
  }
  return list;
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return n;
}

/** Jaro-Winkler is the costly step; only this many entries, nearest by letter pairs, get it. */
const SHORTLIST = 20;

/**
 * Nearest entries to a query by string distance over ids and aliases, for "did you mean"
 * and for codes the catalog does not know. Scores are Jaro-Winkler similarities (0..1).
 */
export function nearestIds(query: string, entries: readonly Entry[], n = 3): CodeGuess[] {
  const q = query.toLowerCase().slice(0, 200);
  if (q.length === 0) return [];
  const qCore = core(q);
  let pool = nearIndex(entries);
  // A code-length query shares most letter pairs with its near names, so a shortlist by
  // pairs keeps the answer and saves most of the work; a short word is compared with all.
  if (q.length >= 8 && pool.length > SHORTLIST) {
    const mine = bigrams(q);
    pool = pool
      .map((near) => ({ near, d: shared(mine, near.grams) / (mine.size + near.grams.size) }))
      .sort((a, b) => b.d - a.d)
      .slice(0, Math.max(SHORTLIST, 3 * n))
      .map(({ near }) => near);
  }
  const scored = pool.map((near) => {
    let score = Math.max(JaroWinklerDistance(q, near.lower), JaroWinklerDistance(qCore, near.core));
    for (const alias of near.aliases) score = Math.max(score, JaroWinklerDistance(q, alias));
    return { id: near.id, score };
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, Math.max(0, n));
}
