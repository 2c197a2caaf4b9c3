/**
 * Input hygiene and canonical tokens. Everything downstream works on the output of
 * `prepareInput`, so the limits here bound the work of the whole classifier.
 */

/**
 * How much of a paste the classifier reads. Logs put the failure at the end and chat puts
 * the question at the start, so the first HEAD_CHARS and the last TAIL_CHARS are read in
 * full (codes, messages, SQL errors, plain words); the part between them is searched for
 * error codes only, which is a single cheap pass. Every catalog code in a paste of up to
 * MAX_CLASSIFY_CHARS characters is found wherever it sits; in a longer paste, the codes in
 * its first MAX_CLASSIFY_CHARS - TAIL_CHARS and its last TAIL_CHARS (MAX_CLASSIFY_CHARS in
 * all). Cost is linear in the part read.
 */
export const HEAD_CHARS = 48 * 1024;
export const TAIL_CHARS = 16 * 1024;
/** A longer paste is not read in full, and says so in `truncated`. */
export const FULL_READ_CHARS = HEAD_CHARS + TAIL_CHARS;
export const MAX_CLASSIFY_CHARS = 1024 * 1024;

export interface PreparedInput {
  /**
   * Cleaned text: NFKC, no invisible or bidi controls, straight quotes. Offsets refer to it.
   * For a long paste: head, what `digest` kept of the middle, tail, one line apart.
   */
  readonly text: string;
  /** Part of the input was not read in full (only searched for codes, or not at all). */
  readonly truncated: boolean;
}

// Zero-width, bidi embedding/override/isolate marks, BOM and soft hyphen: invisible in chat,
// but they split words and codes when a message is copied out of a rich client.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;

function clean(raw: string): string {
  // NFKC folds full-width letters and the ellipsis character into ASCII; the replacements
  // after it keep the string length stable enough for offsets to stay meaningful.
  return raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"');
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Moves a cut to the nearest gap between words (within 256 characters), so no code is split. */
function gapNear(raw: string, at: number, step: 1 | -1): number {
  for (let i = at, n = 0; n < 256 && i > 0 && i < raw.length; i += step, n++) {
    const c = raw.charCodeAt(i);
    if (c < 128 && !isAsciiWordChar(c)) return i;
  }
  return at;
}

/**
 * Cleans the input and bounds the work downstream. A long paste keeps its head and tail;
 * `digest` turns its middle into the few words worth keeping (the codes in it).
 */
export function prepareInput(raw: string, digest: (middle: string) => string = () => ''): PreparedInput {
  if (raw.length <= FULL_READ_CHARS) return { text: clean(raw), truncated: false };
  const headEnd = gapNear(raw, HEAD_CHARS, -1);
  const tailStart = Math.max(headEnd, gapNear(raw, raw.length - TAIL_CHARS, 1));
  const middle = raw.slice(headEnd, Math.min(tailStart, MAX_CLASSIFY_CHARS - TAIL_CHARS)).replace(INVISIBLE, '');
  const kept = digest(middle);
  const text = `${clean(raw.slice(0, headEnd))}\n${kept ? `${clean(kept)}\n` : ''}${clean(raw.slice(tailStart))}`;
  return { text, truncated: true };
}

export interface Token {
  readonly word: string;
  /** Offset of the token in the prepared text, for "order of appearance". */
  readonly at: number;
}

/** Token that splits a catalog message at a placeholder such as %ls: matches anything. */
export const WILDCARD = '\u0000';

// Maps, not object literals: a chat word such as "constructor" or "toString" must not find
// an inherited property.
function table(entries: Record<string, readonly string[]>): ReadonlyMap<string, readonly string[]> {
  return new Map(Object.entries(entries));
}

// The wording drift of Azure's messages across doc versions and portal builds (facts §1a),
// folded to one spelling so that every variant matches every other.
const SAME_WORD = table({
  cancelled: ['canceled'],
  cancelling: ['canceling'],
  priviledge: ['privilege'],
  priviledges: ['privileges'],
  datasource: ['data', 'source'],
  datasources: ['data', 'sources'],
  ntservice: ['nt', 'service'],
  azurebackup: ['azure', 'backup'],
  alwayson: ['always', 'on'],
  cant: ['cannot'],
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  wont: ['will', 'not'],
});
// "doesn't" arrives as two tokens once the apostrophe splits it.
const NEGATED = table({
  can: ['cannot'],
  don: ['do', 'not'],
  doesn: ['does', 'not'],
  didn: ['did', 'not'],
  isn: ['is', 'not'],
  wasn: ['was', 'not'],
  aren: ['are', 'not'],
  won: ['will', 'not'],
  couldn: ['could', 'not'],
  hasn: ['has', 'not'],
  haven: ['have', 'not'],
  wouldn: ['would', 'not'],
  shouldn: ['should', 'not'],
});
const PAIRS = table({
  'as per': ['according', 'to'],
  'can not': ['cannot'],
  'sys admin': ['sysadmin'],
  'data base': ['database'],
});

const PAIR_FIRST = new Set([...PAIRS.keys()].map((k) => k.split(' ')[0]!));

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Lower-case ASCII word runs, one pass, no regex. Other characters separate words. */
function rawTokens(text: string, maxTokens: number): Token[] {
  const lower = text.toLowerCase();
  const out: Token[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (isWordChar(c) || c === 0) {
      if (c === 0) {
        if (start >= 0) out.push({ word: lower.slice(start, i), at: start });
        out.push({ word: WILDCARD, at: i });
        start = -1;
      } else if (start < 0) start = i;
    } else if (start >= 0) {
      out.push({ word: lower.slice(start, i), at: start });
      start = -1;
      if (out.length >= maxTokens) break;
    }
  }
  return out;
}

/**
 * Canonical words of a text: lower case, contractions expanded and the documented spelling
 * variants folded. Used for message matching and, stemmed, for the text model.
 */
export function canonicalTokens(text: string, maxTokens = Number.MAX_SAFE_INTEGER): Token[] {
  const raw = rawTokens(text, maxTokens);
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i]!;
    const next = raw[i + 1];
    const negated = next && next.word === 't' ? NEGATED.get(tok.word) : undefined;
    if (negated) {
      for (const word of negated) out.push({ word, at: tok.at });
      i++;
      continue;
    }
    const pair = next && PAIR_FIRST.has(tok.word) ? PAIRS.get(`${tok.word} ${next.word}`) : undefined;
    if (pair) {
      for (const word of pair) out.push({ word, at: tok.at });
      i++;
      continue;
    }
    const same = SAME_WORD.get(tok.word);
    if (same) for (const word of same) out.push({ word, at: tok.at });
    else out.push(tok);
  }
  return out;
}

// Catalog texts mark the variable parts the way SQL Server documents them (%ls, %.*ls, %hs,
// %I64u, %d) or with an ellipsis where the doc cut the text.
const PLACEHOLDER = /%[-+#0-9.*]{0,6}(?:I64u|ls|hs|ld|lu|d|u|s|S_[A-Z]{1,10})|'0x\.{3}'|\.{3}/g;

/** Canonical tokens of a catalog message, with WILDCARD where a placeholder was. */
export function templateTokens(message: string): string[] {
  const marked = prepareInput(message).text.replace(PLACEHOLDER, ` ${WILDCARD} `);
  return canonicalTokens(marked).map((t) => t.word);
}
