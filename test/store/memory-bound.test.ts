import { describe, expect, it } from 'vitest';
import { readStoreConfig } from '../../bot/store/config.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';

describe('memory store bound', () => {
  it('keeps at most maxKeys, evicting the least recently used first', async () => {
    const store = createMemoryStore({ maxKeys: 3 });
    await store.set('a', 1, 60_000);
    await store.set('b', 2, 60_000);
    await store.set('c', 3, 60_000);
    expect(await store.get('a')).toBe(1); // a is now the most recently used
    await store.incr('d', 60_000);
    expect(store.size()).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(1);
    expect(await store.get('c')).toBe(3);
    expect(await store.get('d')).toBe(1);
  });

  it('evicts a setting without an expiry ("watch off") only when nothing else is left', async () => {
    const store = createMemoryStore({ maxKeys: 3 });
    await store.set('watch:C1', false);
    for (let i = 0; i < 10; i++) await store.claim(`dedupe:${i}`, 60_000);
    expect(await store.get('watch:C1')).toBe(false);
    expect(store.size()).toBe(3);
    for (let i = 2; i <= 4; i++) await store.set(`watch:C${i}`, false);
    expect(store.size()).toBe(3);
    expect(await store.get('watch:C1')).toBeUndefined();
  });

  it('reads MEMORY_STORE_MAX_KEYS and names it when it is not a count', () => {
    expect(readStoreConfig({ MEMORY_STORE_MAX_KEYS: '5000' })).toEqual({ kind: 'memory', maxKeys: 5000 });
    expect(readStoreConfig({ REDIS_URL: 'redis://cache:6379', MEMORY_STORE_MAX_KEYS: '5000' })).toMatchObject({ kind: 'redis', maxKeys: 5000 });
    expect(() => readStoreConfig({ MEMORY_STORE_MAX_KEYS: '10' })).toThrow(/MEMORY_STORE_MAX_KEYS must be a whole number.*"10"/);
  });
});
