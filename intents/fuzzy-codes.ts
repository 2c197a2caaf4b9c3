import type { Entry } from '../catalog/index.ts';
import { DamerauLevenshteinDistance, JaroWinklerDistance } from './natural.ts';
import { splitCamel } from './words.ts';

/** A catalog id a misspelt or partial code most likely means. */
export interface CodeGuess {
  readonly id: string;
  readonly score: number;
}

interface Name {
  readonly id: string;
  readonly lower: string;
}

/** Names plus a bigram index, so a word is compared only with names sharing most of its letter pairs. */
interface Pool {
  readonly names: readonly Name[];
  readonly grams: ReadonlyMap<string, readonly number[]>;
}

export interface FuzzyIndex {
  readonly names: Pool;
  /** Tails of each code at its CamelCase joints ("LSNValidationFailure"). */
  readonly tails: Pool;
}

function bigrams(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) out.add(word.slice(i, i + 2));
  return out;
}

function pool(names: Name[]): Pool {
  const grams = new Map<string, number[]>();
  names.forEach((name, i) => {
    for (const g of bigrams(name.lower)) {
      const list = grams.get(g) ?? [];
      list.push(i);
      grams.set(g, list);
    }
  });
  return { names, grams };
}

/**
 * Tails of at least 8 letters, starting at any capital (acronym runs such as "SQLLSN" have no
 * visible joint, so every capital is a candidate start).
 */
function tailsOf(id: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < id.length - 7; i++) {
    const c = id.charCodeAt(i);
    // A tail of one or two words ("NotReachable", "ValidationFailure") is common English
    // in other tools' errors; three words are specific enough to name a code.
    if (c >= 65 && c <= 90 && splitCamel(id.slice(i)).split(' ').length >= 3) out.push(id.slice(i).toLowerCase());
  }
  return out;
}

export function buildFuzzyIndex(entries: readonly Entry[]): FuzzyIndex {
  const names: Name[] = [];
  const tails: Name[] = [];
  for (const entry of entries) {
    names.push({ id: entry.id, lower: entry.id.toLowerCase() });
    if (entry.kind === 'error') for (const t of tailsOf(entry.id)) tails.push({ id: entry.id, lower: t });
  }
  return { names: pool(names), tails: pool(tails) };
}

/** Edits allowed for a word of this length: short words must be exact. */
function budget(length: number): number {
  return length < 8 ? 0 : length < 16 ? 1 : length < 28 ? 2 : 3;
}

function closest(word: string, from: Pool): { id: string; d: number; share: number }[] {
  const max = budget(word.length);
  const mine = bigrams(word);
  const shared = new Uint16Array(from.names.length);
  for (const g of mine) for (const i of from.grams.get(g) ?? []) shared[i]!++;
  // One edit destroys at most three letter pairs (a transposition), so a name within `max`
  // edits shares at least this many; the distance is computed only for those.
  const need = mine.size - 3 * max;
  const out: { id: string; d: number; share: number }[] = [];
  from.names.forEach((name, i) => {
    if (shared[i]! < need || Math.abs(name.lower.length - word.length) > max) return;
    const d = DamerauLevenshteinDistance(word, name.lower, { restricted: true });
    if (d <= max) out.push({ id: name.id, d, share: name.lower.length / name.id.length });
  });
  return out;
}

function best(guesses: CodeGuess[]): CodeGuess[] {
  const byId = new Map<string, number>();
  for (const g of guesses) byId.set(g.id, Math.max(byId.get(g.id) ?? 0, g.score));
  return [...byId].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

/**
 * What a code-like word that is not an exact code probably means: a typo of a whole code
 * ("UserErrorSQLLSNValidationFaliure"), a tail of one ("LSNValidationFaliure") or a
 * fragment ("ForceOverwrite"). Empty when nothing is close; a fragment shared by several
 * codes scores lower, so it reads as "did you mean".
 */
export function guessCode(word: string, index: FuzzyIndex): CodeGuess[] {
  const lower = word.toLowerCase();
  if (lower.length < 8) return [];
  // Two slips in a 70-letter code are still unmistakable; two in a 12-letter word are not.
  const whole = closest(lower, index.names).map(({ id, d }) => ({ id, score: 0.95 - (0.6 * d) / lower.length }));
  if (whole.length > 0) return best(whole);
  // The more of a code the word covers, the likelier it means that code: "LSNValidationFailure"
  // is most of UserErrorSQLLSNValidationFailure and a small part of a longer code ending alike.
  const tail = closest(lower, index.tails).map(({ id, d, share }) => ({ id, score: 0.78 + 0.1 * share - 0.04 * d }));
  const inside = index.names.names.filter((n) => n.lower.includes(lower));
  // A fragment of three words or more that only one code contains names that code.
  const specific = inside.length === 1 && splitCamel(word).split(' ').length >= 3 && lower.length >= 16;
  const unique = inside.length === 1 ? 1 : 0.75;
  const fragments = inside.map((n) => ({ id: n.id, score: specific ? 0.86 : unique * (0.74 + 0.1 * (lower.length / n.lower.length)) }));
  return best([...tail, ...fragments]);
}

// Every code starts "UserError..." or ends "...UserError"; compared whole, that shared frame
// makes all codes look alike, so the distance is also taken on what is left.
const FRAME = /^(?:usererror(?:sql)?)|usererror$/g;

function core(lower: string): string {
  return lower.replace(FRAME, '') || lower;
}

/**
 * Nearest entries to a query by string distance over ids and aliases, for "did you mean"
 * and for codes the catalog does not know. Scores are Jaro-Winkler similarities (0..1).
 */
export function nearestIds(query: string, entries: readonly Entry[], n = 3): CodeGuess[] {
  const q = query.toLowerCase().slice(0, 200);
  if (q.length === 0) return [];
  const qCore = core(q);
  const scored = entries.map((entry) => {
    const id = entry.id.toLowerCase();
    let score = Math.max(JaroWinklerDistance(q, id), JaroWinklerDistance(qCore, core(id)));
    for (const alias of entry.aliases) score = Math.max(score, JaroWinklerDistance(q, alias.toLowerCase()));
    return { id: entry.id, score };
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, Math.max(0, n));
}
