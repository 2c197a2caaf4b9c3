import { JaroWinklerDistance } from './natural.ts';

/** Known words of five letters or more, by first letter: typos keep the first letter. */
export type Spelling = ReadonlyMap<string, readonly string[]>;

export function buildSpelling(texts: Iterable<readonly string[]>): Spelling {
  const known = new Map<string, Set<string>>();
  for (const list of texts) {
    for (const w of list) {
      if (w.length < 5) continue;
      const set = known.get(w[0]!) ?? new Set<string>();
      known.set(w[0]!, set.add(w));
    }
  }
  return new Map([...known].map(([letter, set]): [string, string[]] => [letter, [...set]]));
}

/** Most words a query may have corrected: the rest of a long paste is not worth the time. */
const BUDGET = 8;

/** Replaces unknown words by a known word within a typo or two ("trasaction" → "transaction"). */
export function correct(words: readonly string[], isKnown: (word: string) => boolean, spelling: Spelling): string[] {
  let budget = BUDGET;
  return words.map((w) => {
    if (w.length < 5 || budget <= 0 || isKnown(w)) return w;
    budget--;
    let best = w;
    let bestScore = 0.9;
    for (const cand of spelling.get(w[0]!) ?? []) {
      if (Math.abs(cand.length - w.length) > 2) continue;
      const s = JaroWinklerDistance(w, cand, { ignoreCase: true });
      if (s > bestScore) {
        bestScore = s;
        best = cand;
      }
    }
    return best;
  });
}
