import type { Entry } from '../catalog/index.ts';
import { GENERIC_WORDS, isGenericAzureCode } from './generic-codes.ts';
import { boundedOsaDistance } from './edit-distance.ts';
import { splitCamel } from './words.ts';

/** A catalog id a misspelt or partial code most likely means. */
export interface CodeGuess {
  readonly id: string;
  readonly score: number;
}

interface Name {
  readonly id: string;
  readonly lower: string;
  /** Where `lower` starts in the id (tails start inside it). */
  readonly from: number;
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
  /** Per id, 1 for each letter of a word that tells the code apart (see `tellingLetters`). */
  readonly telling: ReadonlyMap<string, Uint8Array>;
  /** Each code without its UserError frame, for the same code in another frame. */
  readonly cores: ReadonlyMap<string, string>;
}

// Every code starts "UserError..." or ends "...UserError"; compared whole, that shared frame
// makes all codes look alike, so the distance is also taken on what is left.
const FRAME = /^(?:usererror(?:sql)?)|usererror$/g;
const FRAME_START = /^usererror(?:sql)?/;

export function core(lower: string): string {
  return lower.replace(FRAME, '') || lower;
}

export function bigrams(word: string): Set<string> {
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
function tailsOf(id: string): Name[] {
  // Where each word of the id starts; a tail starting inside a word ("LSN" in "SQLLSN")
  // has that partial word plus every word after it.
  const starts: number[] = [];
  let at = 0;
  for (const word of splitCamel(id).split(' ')) {
    starts.push(id.indexOf(word, at));
    at = starts[starts.length - 1]! + word.length;
  }
  const out: Name[] = [];
  for (let i = 1; i < id.length - 7; i++) {
    const c = id.charCodeAt(i);
    const words = starts.filter((s) => s > i).length + 1;
    // A tail of one or two words ("NotReachable", "ValidationFailure") is common English
    // in other tools' errors; three words are specific enough to name a code.
    if (c >= 65 && c <= 90 && words >= 3) out.push({ id, lower: id.slice(i).toLowerCase(), from: i });
  }
  return out;
}

/**
 * Marks the letters of a code that tell it apart from other services' errors: not the
 * UserError(SQL) frame, not the words of generic Azure codes ("Operation", "Not",
 * "Allowed"). A fragment made only of unmarked letters names nothing of ours.
 */
function tellingLetters(id: string): Uint8Array {
  const mask = new Uint8Array(id.length);
  const lower = id.toLowerCase();
  const frame = lower.match(FRAME_START)?.[0].length ?? 0;
  const end = lower.endsWith('usererror') && lower.length > 9 ? lower.length - 9 : lower.length;
  let at = 0;
  for (const word of splitCamel(id).split(' ')) {
    const start = lower.indexOf(word.toLowerCase(), at);
    if (start < 0) break;
    at = start + word.length;
    // "SQLLSN" is one word to splitCamel: its frame letters stay unmarked, "LSN" is marked.
    if (!GENERIC_WORDS.has(word.toLowerCase())) mask.fill(1, Math.max(start, frame), Math.min(at, end));
  }
  return mask;
}

export function buildFuzzyIndex(entries: readonly Entry[]): FuzzyIndex {
  const names: Name[] = [];
  const tails: Name[] = [];
  const telling = new Map<string, Uint8Array>();
  const cores = new Map<string, string>();
  for (const entry of entries) {
    names.push({ id: entry.id, lower: entry.id.toLowerCase(), from: 0 });
    telling.set(entry.id, tellingLetters(entry.id));
    if (entry.kind === 'error') {
      tails.push(...tailsOf(entry.id));
      const c = core(entry.id.toLowerCase());
      if (!cores.has(c)) cores.set(c, entry.id);
    }
  }
  return { names: pool(names), tails: pool(tails), telling, cores };
}

function sum(mask: Uint8Array | undefined, from: number, to: number): number {
  let n = 0;
  if (mask) for (let i = Math.max(0, from); i < Math.min(mask.length, to); i++) n += mask[i]!;
  return n;
}

/** Edits allowed for a word of this length: short words must be exact. */
function budget(length: number): number {
  return length < 8 ? 0 : length < 16 ? 1 : length < 28 ? 2 : 3;
}

function closest(word: string, from: Pool): { id: string; d: number; share: number; name: Name }[] {
  const max = budget(word.length);
  const mine = bigrams(word);
  const shared = new Uint16Array(from.names.length);
  for (const g of mine) for (const i of from.grams.get(g) ?? []) shared[i]!++;
  // One edit destroys at most three letter pairs (a transposition), so a name within `max`
  // edits shares at least this many; the distance is computed only for those.
  const need = mine.size - 3 * max;
  const out: { id: string; d: number; share: number; name: Name }[] = [];
  from.names.forEach((name, i) => {
    if (shared[i]! < need || Math.abs(name.lower.length - word.length) > max) return;
    const d = boundedOsaDistance(word, name.lower, max);
    if (d <= max) out.push({ id: name.id, d, share: name.lower.length / name.id.length, name });
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
  if (lower.length < 8 || isGenericAzureCode(lower)) return [];
  // Two slips in a 70-letter code are still unmistakable; two in a 12-letter word are not.
  const whole = closest(lower, index.names).map(({ id, d }) => ({ id, score: 0.95 - (0.6 * d) / lower.length }));
  if (whole.length > 0) return best(whole);
  // The more of a code the word covers, the likelier it means that code: "LSNValidationFailure"
  // is most of UserErrorSQLLSNValidationFailure and a small part of a longer code ending alike.
  const tail = closest(lower, index.tails)
    .filter(({ name }) => sum(index.telling.get(name.id), name.from, name.from + name.lower.length) >= MIN_TELLING)
    .map(({ id, d, share }) => ({ id, score: 0.78 + 0.1 * share - 0.04 * d }));
  const inside: { id: string; tellingShare: number; coreShare: number }[] = [];
  for (const n of index.names.names) {
    const at = n.lower.indexOf(lower);
    if (at < 0) continue;
    const mask = index.telling.get(n.id);
    const telling = sum(mask, at, at + lower.length);
    // "OperationNotAllowed" is all of an ARM code and only generic words of ours.
    if (telling < MIN_TELLING) continue;
    inside.push({ id: n.id, tellingShare: telling / Math.max(1, sum(mask, 0, n.lower.length)), coreShare: lower.length / core(n.lower).length });
  }
  // A fragment of three words or more that only one code contains names that code, when it
  // is most of the code and of what sets it apart (not a generic phrase plus one word).
  const only = inside.length === 1 ? inside[0]! : null;
  const specific = only !== null && splitCamel(word).split(' ').length >= 3 && lower.length >= 16 && only.coreShare >= 0.5 && only.tellingShare >= 0.5;
  const unique = inside.length === 1 ? 1 : 0.75;
  const fragments = inside.map((n) => ({ id: n.id, score: specific ? 0.86 : unique * (0.74 + 0.1 * Math.min(1, n.coreShare)) }));
  return best([...tail, ...fragments]);
}

/** Letters of telling words a fragment must cover: one real word, not a stray syllable. */
const MIN_TELLING = 4;

/**
 * Our code in another product's frame: "UserErrorGuestAgentStatusUnavailable" (Azure VM
 * backup) is GuestAgentStatusUnavailableUserError with the frame swapped. Same cause, other
 * product: worth offering when asked, not certain enough to speak up unprompted.
 */
export function reframedCode(word: string, index: FuzzyIndex): CodeGuess | null {
  const lower = word.toLowerCase();
  const c = core(lower);
  if (c === lower || c.length < 12) return null;
  const id = index.cores.get(c);
  return id && id.toLowerCase() !== lower ? { id, score: REFRAMED_SCORE } : null;
}

export const REFRAMED_SCORE = 0.7;
