import { describe, expect, it } from 'vitest';
import { ClaimLedger } from '../../bot/store/claim-ledger.ts';

describe('claim ledger', () => {
  it('remembers a claim for its ttl, forgets the oldest past its bound, and lists what is live', () => {
    const clock = { now: 0 };
    const ledger = new ClaimLedger(() => clock.now, 3);
    ledger.add('a', 1000);
    ledger.add('b', 5000);
    ledger.add('c', 5000);
    expect(ledger.has('a')).toBe(true);
    ledger.add('d', 5000);
    expect(ledger.has('a')).toBe(false);
    expect(ledger.size).toBe(3);
    clock.now = 2000;
    expect(ledger.live()).toEqual([
      { key: 'b', ttlMs: 3000 },
      { key: 'c', ttlMs: 3000 },
      { key: 'd', ttlMs: 3000 },
    ]);
    clock.now = 5000;
    expect(ledger.has('b')).toBe(false);
    expect(ledger.live()).toEqual([]);
  });
});
