import { describe, expect, it } from 'vitest';
import { captureLogger } from '../support/capture-logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import { resilientStore } from '../../bot/store/resilient.ts';
import type { Store } from '../../bot/store/store.ts';

/** A shared store that can be switched off, standing in for Redis going away and back. */
function switchable(): { store: Store; up: { value: boolean } } {
  const inner = createMemoryStore();
  const up = { value: true };
  const gate = <R>(op: () => Promise<R>): Promise<R> => (up.value ? op() : Promise.reject(new Error('connect ECONNREFUSED')));
  return {
    up,
    store: {
      claim: (k, t) => gate(() => inner.claim(k, t)),
      get: <T>(k: string) => gate(() => inner.get<T>(k)),
      set: (k, v, t) => gate(() => inner.set(k, v, t)),
      delete: (k) => gate(() => inner.delete(k)),
      incr: (k, t) => gate(() => inner.incr(k, t)),
      hincr: (k, f, b, t) => gate(() => inner.hincr(k, f, b, t)),
      hgetall: (k) => gate(() => inner.hgetall(k)),
      ping: () => Promise.resolve(up.value),
      close: () => inner.close(),
    },
  };
}

/** A resilient store over a switchable one, with a clock the test moves and a quiet window of a minute. */
function flapping() {
  const clock = { now: 0 };
  const { store: shared, up } = switchable();
  const { logger, lines } = captureLogger();
  const store = resilientStore(shared, { isOutage: () => true, logger, clock: () => clock.now, quietMs: 60_000 });
  return { store, up, lines, clock };
}

describe('resilient store', () => {
  it('warns once for a flapping shared store within the quiet window, and again after it', async () => {
    const { store, up, lines, clock } = flapping();
    for (let flap = 0; flap < 5; flap++) {
      up.value = false;
      expect(await store.claim(`ev:${flap}`, 1000)).toBe(true);
      up.value = true;
      // The readiness probe notices the return (as the background probe would, later).
      await store.ping();
      clock.now += 5_000;
    }
    expect(lines.filter((l) => l['level'] === 'warn')).toHaveLength(1);
    clock.now += 60_000;
    up.value = false;
    await store.get('x');
    expect(lines.filter((l) => l['level'] === 'warn')).toHaveLength(2);
  });

  it('says "reachable again" once for a store that flaps within the quiet window (a full Redis refuses writes, serves reads)', async () => {
    const { store, up, lines, clock } = flapping();
    for (let flap = 0; flap < 5; flap++) {
      up.value = false;
      await store.set(`k:${flap}`, 1, 1000);
      up.value = true;
      await store.ping();
      clock.now += 1_000;
    }
    const said = (level: string, text: RegExp) => lines.filter((l) => l['level'] === level && text.test(String(l['msg']))).length;
    expect(said('warn', /unreachable/)).toBe(1);
    expect(said('info', /reachable again/)).toBe(1);
  });

  it('rethrows errors that are not outages (a bug should not hide behind the fallback)', async () => {
    const { store: shared } = switchable();
    const { logger } = captureLogger();
    const store = resilientStore({ ...shared, get: () => Promise.reject(new TypeError('WRONGTYPE')) }, { isOutage: (e) => !(e instanceof TypeError), logger });
    await expect(store.get('x')).rejects.toThrow('WRONGTYPE');
  });
});

describe('resilient store claims', () => {
  it('answers one of two concurrent claims of a delivery while the shared store is away', async () => {
    const { store: shared, up } = switchable();
    const store = resilientStore(shared, { isOutage: () => true, logger: captureLogger().logger });
    up.value = false;
    await store.get('x'); // opens the breaker
    const both = await Promise.all([store.claim('ev:1', 60_000), store.claim('ev:1', 60_000)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    await store.close();
  });

  it('answers one of two concurrent claims while the shared store is up', async () => {
    const { store: shared } = switchable();
    const store = resilientStore(shared, { isOutage: () => true, logger: captureLogger().logger });
    const both = await Promise.all([store.claim('ev:2', 60_000), store.claim('ev:2', 60_000)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    await store.close();
  });
});
