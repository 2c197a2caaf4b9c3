/**
 * Multinomial naive Bayes over the text model's features, one class per entry, trained on
 * the same weighted text (title, aliases, examples, messages, causes). It answers "which
 * entry's way of talking does this sound like", which cosine and coverage do not: a report
 * using several words typical of one entry wins even when none of its phrasings is close.
 * natural's BayesClassifier (apparatus) scores dense vectors over the whole vocabulary for
 * every class; this one walks only the query's features, so it stays within the latency aim.
 */

export interface NaiveBayes {
  /** Per feature: (entry, log-likelihood gain over an unseen feature). */
  readonly gains: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Per entry: log-likelihood of a feature the entry never uses. */
  readonly floor: readonly number[];
}

/** Additive smoothing: half a count for every feature an entry never uses. */
const ALPHA = 0.5;
/**
 * Posteriors of naive Bayes are near 0 or 1 because it treats words as independent; a
 * temperature above 1 softens them into a score that can be mixed with similarities.
 */
const TEMPERATURE = 3;

export function trainBayes(bags: readonly ReadonlyMap<string, number>[], vocabularySize: number): NaiveBayes {
  const gains = new Map<string, [number, number][]>();
  const floor = bags.map((tf, entry) => {
    let total = 0;
    for (const n of tf.values()) total += n;
    for (const [f, n] of tf) {
      const list = gains.get(f) ?? [];
      list.push([entry, Math.log(n + ALPHA) - Math.log(ALPHA)]);
      gains.set(f, list);
    }
    return Math.log(ALPHA) - Math.log(total + ALPHA * vocabularySize);
  });
  return { gains, floor };
}

/** Posterior of each entry given the query's known features (feature → count). */
export function posterior(model: NaiveBayes, query: ReadonlyMap<string, number>): Float64Array {
  const n = model.floor.length;
  const log = new Float64Array(n);
  let count = 0;
  for (const [f, tf] of query) {
    const list = model.gains.get(f);
    if (!list) continue;
    count += tf;
    for (const [e, gain] of list) log[e]! += tf * gain;
  }
  let max = -Infinity;
  for (let e = 0; e < n; e++) {
    log[e]! += count * model.floor[e]!;
    if (log[e]! > max) max = log[e]!;
  }
  let z = 0;
  for (let e = 0; e < n; e++) {
    log[e] = Math.exp((log[e]! - max) / TEMPERATURE);
    z += log[e]!;
  }
  for (let e = 0; e < n; e++) log[e]! /= z;
  return log;
}
