import type { Entry } from '../catalog/index.ts';
import { posterior, trainBayes, type NaiveBayes } from './naive-bayes.ts';
import { buildSpelling, correct, type Spelling } from './spelling.ts';
import { contentWords, features, splitCamel, stem } from './words.ts';

/**
 * Plain-words model: TF-IDF vectors over stems and stem bigrams, one per entry (all of its
 * text, weighted) and one per phrasing (title, each alias, each example). A query scores an
 * entry by its best cosine against either, so a close paraphrase of one example counts as
 * much as broad overlap with the whole entry. The score averages that cosine with the share
 * of the query the entry's text explains (`coverage`), and mixes in a naive Bayes posterior
 * (naive-bayes.ts). Scoring walks postings of the query's features only: cost grows with
 * the query, not with the catalog.
 */

export interface TextGuess {
  readonly id: string;
  readonly score: number;
}

interface Doc {
  readonly entry: number;
  readonly norm: number;
}

export interface TextModel {
  readonly ids: readonly string[];
  /** Per entry, the features of all its text: what share of a query an entry explains. */
  readonly vocab: readonly ReadonlySet<string>[];
  readonly bayes: NaiveBayes;
  readonly docs: readonly Doc[];
  readonly idf: ReadonlyMap<string, number>;
  readonly postings: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Known words by first letter, for correcting typos in queries. */
  readonly spelling: Spelling;
}

const QUERY_WORDS = 80;
/** A word the catalog never uses counts this much of a rarest word towards a query's weight. */
const UNKNOWN_WEIGHT = 0.5;
/** About two telling words: less than that is too little to say a query is explained. */
const MIN_QUERY_MASS = 8;
/** Weight of the naive Bayes posterior in the score, against similarity (cosine and coverage). */
const BAYES_SHARE = 0.25;

function weigh(entry: Entry): [string, number][] {
  const parts: [string, number][] = [
    [splitCamel(entry.id), 1],
    [entry.title, 3],
    [entry.summary, 1],
    ...entry.aliases.map((a): [string, number] => [a, 3]),
    ...entry.examples.map((e): [string, number] => [e, 2]),
    ...entry.messages.filter((m) => m.match).map((m): [string, number] => [m.text, 1.5]),
    ...entry.causes.map((c): [string, number] => [c, 0.5]),
  ];
  return parts;
}

function count(pairs: readonly (readonly [readonly string[], number])[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const [feats, w] of pairs) for (const f of feats) tf.set(f, (tf.get(f) ?? 0) + w);
  return tf;
}

export function buildTextModel(entries: readonly Entry[]): TextModel {
  const bags: { entry: number; tf: Map<string, number> }[] = [];
  const vocab: Set<string>[] = [];
  const wholes: Map<string, number>[] = [];
  const df = new Map<string, number>();
  const texts: string[][] = [];
  entries.forEach((entry, i) => {
    // Each text is tokenised once: the entry's bag, the phrasings and the spelling list share it.
    const words = new Map<string, { words: string[]; feats: string[] }>();
    const tokens = (text: string): { words: string[]; feats: string[] } => {
      let t = words.get(text);
      if (!t) {
        const list = contentWords(text);
        words.set(text, (t = { words: list, feats: features(list) }));
      }
      return t;
    };
    const weighed = weigh(entry).map(([text, w]): [string[], number] => [tokens(text).feats, w]);
    const whole = count(weighed);
    for (const f of whole.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    bags.push({ entry: i, tf: whole });
    wholes.push(whole);
    vocab.push(new Set(whole.keys()));
    const phrasings = [entry.title, ...entry.aliases, ...entry.examples, splitCamel(entry.id)];
    for (const p of phrasings) bags.push({ entry: i, tf: count([[tokens(p).feats, 1]]) });
    for (const { words: list } of words.values()) texts.push(list);
  });
  const spelling = buildSpelling(texts);
  const n = entries.length;
  const idf = new Map<string, number>();
  for (const [f, d] of df) idf.set(f, Math.log(1 + n / d));
  const postings = new Map<string, [number, number][]>();
  const docs: Doc[] = bags.map((bag, d) => {
    let sq = 0;
    for (const [f, tf] of bag.tf) {
      const w = (1 + Math.log(tf)) * (idf.get(f) ?? 0);
      sq += w * w;
      const list = postings.get(f) ?? [];
      list.push([d, w]);
      postings.set(f, list);
    }
    return { entry: bag.entry, norm: Math.sqrt(sq) || 1 };
  });
  const bayes = trainBayes(wholes, df.size);
  return { ids: entries.map((e) => e.id), vocab, bayes, docs, idf, postings, spelling };
}

/** Entries ranked by the score described above (similarity mixed with naive Bayes), best first. */
export function scoreText(text: string, model: TextModel, limit = 5): TextGuess[] {
  const words = correct(contentWords(text, QUERY_WORDS), (w) => model.idf.has(stem(w)), model.spelling);
  const q = new Map<string, number>();
  for (const f of features(words)) q.set(f, (q.get(f) ?? 0) + 1);
  let qsq = 0;
  let unknown = 0;
  const dots = new Map<number, number>();
  for (const [f, tf] of q) {
    const idf = model.idf.get(f);
    if (idf === undefined) {
      unknown++;
      continue;
    }
    const w = (1 + Math.log(tf)) * idf;
    qsq += w * w;
    for (const [d, dw] of model.postings.get(f) ?? []) dots.set(d, (dots.get(d) ?? 0) + w * dw);
  }
  const stems = [...new Set(words.map(stem))];
  const unknownIdf = Math.log(1 + model.ids.length) * UNKNOWN_WEIGHT;
  let mass = 0;
  for (const st of stems) mass += model.idf.get(st) ?? unknownIdf;
  // Unknown words still make the query longer: a sentence that shares one word with an
  // entry is not a close match just because its other words are foreign to the catalog.
  const qnorm = Math.sqrt(qsq + unknown * 0.5) || 1;
  const byEntry = new Map<number, number>();
  for (const [d, dot] of dots) {
    const doc = model.docs[d]!;
    const cos = dot / (qnorm * doc.norm);
    if (cos > (byEntry.get(doc.entry) ?? 0)) byEntry.set(doc.entry, cos);
  }
  const known = new Map<string, number>();
  for (const [f, tf] of q) if (model.idf.has(f)) known.set(f, tf);
  const bayes = posterior(model.bayes, known);
  return [...byEntry]
    .map(([e, cos]): [number, number] => {
      const similar = (cos + coverage(stems, mass, model.vocab[e]!, model.idf)) / 2;
      return [e, (1 - BAYES_SHARE) * similar + BAYES_SHARE * bayes[e]!];
    })
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([e, score]) => ({ id: model.ids[e]!, score: Math.min(1, score) }));
}

/**
 * Share of the query's weight that the entry's text explains. Cosine alone rewards one rare
 * word shared with a short phrasing; a report whose every telling word belongs to an entry
 * is the stronger sign. A short query is measured against a floor, so "yes exactly" sharing
 * its one word with an entry explains little.
 */
function coverage(stems: readonly string[], mass: number, vocab: ReadonlySet<string>, idf: ReadonlyMap<string, number>): number {
  let covered = 0;
  for (const s of stems) if (vocab.has(s)) covered += idf.get(s) ?? 0;
  return covered / Math.max(mass, MIN_QUERY_MASS);
}
