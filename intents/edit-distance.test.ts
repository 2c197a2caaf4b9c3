import { describe, expect, it } from 'vitest';
import { boundedOsaDistance } from './edit-distance.ts';
import { DamerauLevenshteinDistance } from './natural.ts';

/** Deterministic pseudo-random words over a small alphabet, so that edits collide often. */
function words(n: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(next() * 14) }, () => 'abcde'[Math.floor(next() * 5)]).join(''));
}

describe('boundedOsaDistance', () => {
  it('agrees with natural restricted Damerau-Levenshtein within the bound', () => {
    const list = words(300);
    for (let i = 0; i + 1 < list.length; i++) {
      const [a, b] = [list[i]!, list[i + 1]!];
      const expected = DamerauLevenshteinDistance(a, b, { restricted: true });
      for (const max of [0, 1, 2, 3, 20]) expect(boundedOsaDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(expected, max + 1));
    }
  });

  it('counts a transposition as one edit, as in a typed code', () => {
    expect(boundedOsaDistance('usererrorsqllsnvalidationfaliure', 'usererrorsqllsnvalidationfailure', 3)).toBe(1);
    expect(boundedOsaDistance('abc', 'abc', 0)).toBe(0);
    expect(boundedOsaDistance('', 'abcd', 2)).toBe(3);
  });
});
