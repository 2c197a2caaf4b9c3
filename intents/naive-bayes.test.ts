import { describe, expect, it } from 'vitest';
import { posterior, trainBayes } from './naive-bayes.ts';

const bags = [
  new Map([['log', 3], ['chain', 3], ['broken', 2]]),
  new Map([['sysadmin', 3], ['permission', 2], ['login', 1]]),
  new Map([['restore', 3], ['overwrite', 2], ['exists', 1]]),
];
const model = trainBayes(bags, 9);

describe('naive Bayes posterior', () => {
  it('favours the entry whose words the query uses, and sums to one', () => {
    const p = posterior(model, new Map([['chain', 1], ['broken', 1]]));
    expect(p[0]).toBeGreaterThan(p[1]!);
    expect(p[0]).toBeGreaterThan(p[2]!);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('stays undecided when the query has no known feature', () => {
    const p = posterior(model, new Map([['lunch', 1]]));
    for (const x of p) expect(x).toBeCloseTo(1 / 3, 1);
  });

  it('is softened: one shared word does not make it certain', () => {
    const p = posterior(model, new Map([['login', 1]]));
    expect(p[1]).toBeGreaterThan(p[0]!);
    expect(p[1]).toBeLessThan(0.9);
  });
});
