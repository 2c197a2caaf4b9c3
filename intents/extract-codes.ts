import type { Entry } from '../catalog/index.ts';
import { isHanaCode } from './hana.ts';

/** A catalog entry named in the text, and where. */
export interface CodeHit {
  readonly id: string;
  readonly at: number;
  readonly via: 'code' | 'numeric-code';
}

export interface CodeScan {
  readonly hits: CodeHit[];
  /** Azure-Backup-shaped words the catalog does not know, as written. */
  readonly unknown: { word: string; at: number }[];
  readonly hana: string[];
  /** Code-like words that are neither: typos and fragments of codes, for the fuzzy lookup. */
  readonly codeLike: { word: string; at: number }[];
}

export interface CodeIndex {
  readonly byName: ReadonlyMap<string, string>;
  readonly byNumber: ReadonlyMap<string, readonly string[]>;
}

const CODE_ALIAS = /^[A-Za-z][A-Za-z0-9]{5,}$/;

export function buildCodeIndex(entries: readonly Entry[]): CodeIndex {
  const byName = new Map<string, string>();
  const byNumber = new Map<string, string[]>();
  for (const entry of entries) {
    byName.set(entry.id.toLowerCase(), entry.id);
    for (const alias of entry.aliases) {
      // Only one-word aliases with inner capitals are alternative spellings of a code;
      // phrases ("broken log chain") are the text model's business.
      if (CODE_ALIAS.test(alias) && /[a-z][A-Z]/.test(alias) && !byName.has(alias.toLowerCase())) {
        byName.set(alias.toLowerCase(), entry.id);
      }
    }
    for (const n of entry.numericCodes) {
      const list = byNumber.get(String(n)) ?? [];
      if (!list.includes(entry.id)) list.push(entry.id);
      byNumber.set(String(n), list);
    }
  }
  return { byName, byNumber };
}

// Prefixes and the suffix Azure Backup uses for its error codes (facts §1a, §1c).
const AZURE_SHAPE =
  /^(?:usererror|wlext|workloadextension|clouddos|fabricsvc|autoprotection|guestagent|pitmanager|sendcmd|extensioninstall|extensionvc|cloudservice|operationcancelled)[a-z0-9]{3,}$|^[a-z0-9]{4,}usererror$/;

// Bounds on the words sent to the fuzzy lookup: a paste full of identifiers stays cheap.
const MAX_CODE_LIKE = 12;
const MAX_UNKNOWN = 12;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Words that look like identifiers rather than English: CamelCase or very long run-ons. */
function looksLikeCode(word: string): boolean {
  if (word.length < 8 || /\d/.test(word)) return false;
  let humps = 0;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const p = word.charCodeAt(i - 1);
    if (c >= 65 && c <= 90 && p >= 97 && p <= 122) humps++;
  }
  if (humps >= 1) return true;
  return word.length >= 14 && word === word.toLowerCase();
}

/**
 * One pass over the words of the text (split at anything not A-Z, a-z, 0-9, so JSON, tables,
 * file names and URLs all give up their codes). Exact names and numeric codes are hits.
 * No cap on the number of words: `prepareInput` already bounds the text, and a cap would
 * miss the code at the end of a hex dump or a column of timestamps.
 */
export function scanCodes(text: string, index: CodeIndex): CodeScan {
  const hits: CodeHit[] = [];
  const unknown: { word: string; at: number }[] = [];
  const hana: string[] = [];
  const codeLike: { word: string; at: number }[] = [];
  const seen = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isAlnum(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const at = start;
    start = -1;
    if (i - at < 5 || i - at > 120) continue;
    const word = text.slice(at, i);
    const lower = word.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const id = index.byName.get(lower);
    if (id) {
      hits.push({ id, at, via: 'code' });
    } else if (index.byNumber.has(lower)) {
      for (const n of index.byNumber.get(lower)!) hits.push({ id: n, at, via: 'numeric-code' });
    } else if (isHanaCode(word) && (AZURE_SHAPE.test(lower) || looksLikeCode(word))) {
      hana.push(word);
    } else if (AZURE_SHAPE.test(lower)) {
      if (unknown.length < MAX_UNKNOWN) unknown.push({ word, at });
    } else if (codeLike.length < MAX_CODE_LIKE && looksLikeCode(word)) {
      codeLike.push({ word, at });
    }
  }
  return { hits, unknown, hana, codeLike };
}

/** Middle-of-paste words kept, at most: a log full of distinct codes still costs little. */
const MAX_MIDDLE_CODES = 64;

/**
 * The words of a long paste's middle that name codes (ours, Azure-shaped unknown ones, HANA),
 * in order, each once, one per line. Numbers and CamelCase words are left out: in the
 * middle of a log they are far more often process ids and class names than error codes.
 * A single pass that slices only words long enough to be a code.
 */
export function codesIn(text: string, index: CodeIndex): string {
  const kept: string[] = [];
  const seen = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length && kept.length < MAX_MIDDLE_CODES; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isAlnum(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    const from = start;
    start = -1;
    if (length < 6 || length > 120) continue;
    const word = text.slice(from, i);
    const lower = word.toLowerCase();
    if (seen.has(lower)) continue;
    const shaped = AZURE_SHAPE.test(lower);
    if (index.byName.has(lower) || shaped || (isHanaCode(word) && looksLikeCode(word))) {
      seen.add(lower);
      kept.push(word);
    }
  }
  return kept.join('\n');
}
