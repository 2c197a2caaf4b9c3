import { expect, it } from 'vitest';
import type { Store } from '../../bot/store/store.ts';

/**
 * The behaviour every Store must have, whatever holds the data. `advance` moves time past
 * an expiry: a fake clock for memory, a real (short) wait for Redis.
 */
export function storeContract(make: () => Promise<Store>, advance: (ms: number) => Promise<void>): void {
  it('claim: only the first caller wins a key, until it expires', async () => {
    const store = await make();
    const results = await Promise.all([store.claim('ev:1', 200), store.claim('ev:1', 200), store.claim('ev:1', 200)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.claim('ev:2', 200)).toBe(true);
    await advance(300);
    expect(await store.claim('ev:1', 200)).toBe(true);
  });

  it('get/set round-trips JSON values and returns copies, not shared objects', async () => {
    const store = await make();
    const context = { entryId: 'UserErrorSQLLogBackupChainBroken', asked: ['why'], at: 3 };
    await store.set('thread:C1:1.2', context);
    context.asked.push('mutated after set');
    const read = await store.get<typeof context>('thread:C1:1.2');
    expect(read).toEqual({ entryId: 'UserErrorSQLLogBackupChainBroken', asked: ['why'], at: 3 });
    expect(await store.get('missing')).toBeUndefined();
    await store.set('flag', false);
    expect(await store.get('flag')).toBe(false);
  });

  it('set with a ttl expires; set without one stays; delete removes', async () => {
    const store = await make();
    await store.set('short', 'x', 200);
    await store.set('long', 'y');
    await advance(300);
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('long')).toBe('y');
    await store.delete('long');
    expect(await store.get('long')).toBeUndefined();
  });

  it('set overwrites the value and the expiry', async () => {
    const store = await make();
    await store.set('k', 1, 200);
    await store.set('k', 2);
    await advance(300);
    expect(await store.get('k')).toBe(2);
  });

  it('incr counts in a fixed window: later increments do not extend the expiry', async () => {
    const store = await make();
    expect(await store.incr('rate:U1', 800)).toBe(1);
    await advance(500);
    expect(await store.incr('rate:U1', 800)).toBe(2);
    expect(await store.incr('rate:U1', 800)).toBe(3);
    await advance(500);
    expect(await store.incr('rate:U1', 800)).toBe(1);
  });

  it('concurrent increments are not lost', async () => {
    const store = await make();
    const values = await Promise.all(Array.from({ length: 50 }, () => store.incr('burst', 5000)));
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('hincr adds to fields of a hash that expires from its creation; hgetall reads numbers', async () => {
    const store = await make();
    await store.hincr('feedback:E1', 'helpful', 1, 800);
    await store.hincr('feedback:E1', 'helpful', 2, 800);
    await store.hincr('feedback:E1', 'unhelpful', 1, 800);
    expect(await store.hgetall('feedback:E1')).toEqual({ helpful: 3, unhelpful: 1 });
    await advance(500);
    await store.hincr('feedback:E1', 'helpful', 1, 800);
    await advance(500);
    expect(await store.hgetall('feedback:E1')).toEqual({});
    expect(await store.hgetall('never')).toEqual({});
  });

  it('rejects a ttl that is not a positive number instead of storing forever', async () => {
    const store = await make();
    await expect(store.claim('bad', 0)).rejects.toThrow(RangeError);
    await expect(store.incr('bad', Number.NaN)).rejects.toThrow(RangeError);
  });

  it('ping reports reachable', async () => {
    const store = await make();
    expect(await store.ping()).toBe(true);
  });
}
