/**
 * Restricted Damerau-Levenshtein distance (optimal string alignment), bounded: the same
 * numbers as natural's DamerauLevenshteinDistance({ restricted: true }), without its matrix
 * of one object per cell. That matrix cost ~100 KB of garbage per pasted code-like word, and
 * the collector's pauses were the slowest 1% of small messages. Three reused rows instead,
 * and it stops as soon as a whole row is over `max`.
 */

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Edits between a and b, or max + 1 when there are more than max. */
export function boundedOsaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > rows[0].length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[b.length]!, max + 1);
}
