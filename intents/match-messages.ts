import type { Entry } from '../catalog/index.ts';
import { WILDCARD, templateTokens, type Token } from './normalize.ts';

/**
 * Finds catalog texts (Azure messages, SQL Server messages, multi-word aliases) inside a
 * paste by their word trigrams. Texts are folded by `canonicalTokens`, so the documented
 * wording drift matches; placeholders (%ls) split a text into literal runs, which is how
 * "anything within the placeholder" matches without a regex. One pass over the paste,
 * a hash lookup per word: linear in the paste, whatever the catalog holds.
 */

export type TemplateKind = 'message' | 'sql' | 'alias';

interface Template {
  readonly id: string;
  readonly kind: TemplateKind;
  readonly shingles: number;
  /** SQL error number, for sql templates. */
  readonly sqlNumber: number | null;
}

export interface TemplateHit {
  readonly id: string;
  readonly kind: TemplateKind;
  /** Share of the text's trigrams found, 0..1. */
  readonly coverage: number;
  readonly at: number;
  readonly end: number;
  readonly shingles: number;
  readonly sqlNumber: number | null;
}

export interface MessageIndex {
  readonly vocab: ReadonlyMap<string, number>;
  readonly templates: readonly Template[];
  /** Shingle key → (template, shingle number) pairs. */
  readonly postings: ReadonlyMap<number, readonly (readonly [number, number])[]>;
}

const BASE = 1 << 16;

function key(a: number, b: number, c: number): number {
  // Bigram keys use c = 0; real ids start at 1, so the two spaces never collide.
  return (a * BASE + b) * BASE + c;
}

export function buildMessageIndex(entries: readonly Entry[]): MessageIndex {
  const vocab = new Map<string, number>();
  const templates: Template[] = [];
  const postings = new Map<number, [number, number][]>();
  const idOf = (w: string): number => {
    let id = vocab.get(w);
    if (id === undefined) {
      id = vocab.size + 1;
      vocab.set(w, id);
    }
    return id;
  };
  // Sentences are tokenised to be counted and again to be added: once is enough.
  const tokenised = new Map<string, string[]>();
  const tokensOf = (text: string): string[] => {
    let t = tokenised.get(text);
    if (!t) tokenised.set(text, (t = templateTokens(text)));
    return t;
  };
  const add = (id: string, kind: TemplateKind, text: string, sqlNumber: number | null): void => {
    const words = tokensOf(text);
    const keys = new Set<number>();
    let run: number[] = [];
    const flush = (): void => {
      if (run.length === 2) keys.add(key(run[0]!, run[1]!, 0));
      for (let i = 0; i + 2 < run.length; i++) keys.add(key(run[i]!, run[i + 1]!, run[i + 2]!));
      run = [];
    };
    for (const w of words) {
      if (w === WILDCARD) flush();
      else run.push(idOf(w));
    }
    flush();
    if (keys.size === 0 || vocab.size >= BASE - 1) return;
    const t = templates.length;
    templates.push({ id, kind, shingles: keys.size, sqlNumber });
    let s = 0;
    for (const k of keys) {
      const list = postings.get(k) ?? [];
      list.push([t, s++]);
      postings.set(k, list);
    }
  };
  // Tables and alert summaries often keep only the first sentence of a message, so each
  // sentence long enough to be specific is a template too, unless two entries share it.
  const sentences = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const m of entry.messages) {
      if (!m.match) continue;
      const parts = m.text.split(/(?<=\.)\s+/);
      if (parts.length < 2) continue;
      for (const part of parts) if (tokensOf(part.trim()).length >= 5) sentences.set(part.trim(), (sentences.get(part.trim()) ?? new Set()).add(entry.id));
    }
  }
  for (const [sentence, ids] of sentences) if (ids.size === 1) add([...ids][0]!, 'message', sentence, null);
  for (const entry of entries) {
    for (const m of entry.messages) if (m.match) add(entry.id, 'message', m.text, null);
    for (const e of entry.sqlErrors) if (e.message) add(entry.id, 'sql', e.message, e.number);
    for (const alias of entry.aliases) if (/\s/.test(alias.trim())) add(entry.id, 'alias', alias, null);
  }
  return { vocab, templates, postings };
}

/** Every template with at least one trigram in the text, with its coverage. */
export function findTemplates(tokens: readonly Token[], index: MessageIndex): TemplateHit[] {
  const ids = tokens.map((t) => index.vocab.get(t.word) ?? -1);
  const seen = new Map<number, { got: Set<number>; at: number; end: number }>();
  const visit = (k: number, i: number, last: number): void => {
    const list = index.postings.get(k);
    if (!list) return;
    for (const [t, s] of list) {
      let state = seen.get(t);
      if (!state) {
        state = { got: new Set(), at: tokens[i]!.at, end: tokens[last]!.at };
        seen.set(t, state);
      }
      state.got.add(s);
      state.end = Math.max(state.end, tokens[last]!.at);
    }
  };
  for (let i = 0; i + 1 < ids.length; i++) {
    const a = ids[i]!;
    const b = ids[i + 1]!;
    if (a < 0 || b < 0) continue;
    visit(key(a, b, 0), i, i + 1);
    const c = ids[i + 2];
    if (c !== undefined && c >= 0) visit(key(a, b, c), i, i + 2);
  }
  const hits: TemplateHit[] = [];
  for (const [t, state] of seen) {
    const tpl = index.templates[t]!;
    hits.push({
      id: tpl.id,
      kind: tpl.kind,
      coverage: state.got.size / tpl.shingles,
      at: state.at,
      end: state.end,
      shingles: tpl.shingles,
      sqlNumber: tpl.sqlNumber,
    });
  }
  return hits;
}
