import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../support/capture-logger.ts';
import { createStore } from '../../bot/store/create-store.ts';
import type { Store } from '../../bot/store/store.ts';
import { until } from '../../testkit/until.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';

/**
 * A Redis that stops answering without dropping the connection (DEBUG SLEEP: what a long
 * fork, a swapping host or a blocking script looks like). Each call would wait out the
 * command timeout; the store must cost one answer at most about a second, then answer
 * from local memory until Redis is back, and then share again.
 */

const redis = redisAvailability();


/** The store calls one answer makes: dedupe, the two rate limits, thread context, usage. */
async function oneAnswer(store: Store, n: number): Promise<number> {
  const started = performance.now();
  await store.claim(`dedupe:ev${n}`, 60_000);
  await store.incr(`rate:user:${n}`, 60_000);
  await store.incr(`rate:channel:${n}`, 60_000);
  await store.get(`watch:${n}`);
  await store.get(`thread:${n}`);
  await store.set(`thread:${n}`, { entryId: 'E1' }, 60_000);
  await store.hincr('usage:day', 'E1:answered', 1, 60_000);
  return performance.now() - started;
}

describe.skipIf(!redis.available)('Redis stalled while running (DEBUG SLEEP)', () => {
  let server: TestRedis;
  let admin: Redis;
  let store: Store & { degraded?: () => boolean };

  beforeAll(async () => {
    server = await startRedis();
    admin = new Redis(server.url);
    store = await createStore({ kind: 'redis', url: server.url, keyPrefix: 'stall:' }, { logger: captureLogger().logger });
  });
  afterAll(async () => {
    await store?.close();
    admin?.disconnect();
    await server?.stop();
  });

  it('delays no answer by much more than a second during a 6 s stall, and shares again after it', async () => {
    expect(await oneAnswer(store, 0)).toBeLessThan(500);
    const sleeping = admin.call('DEBUG', 'SLEEP', '6');
    await new Promise((r) => setTimeout(r, 100));

    const first = await oneAnswer(store, 1);
    expect(first).toBeLessThan(1_500);
    // The breaker is open: the next answers do not wait for Redis at all.
    const next = await Promise.all([2, 3, 4, 5].map((n) => oneAnswer(store, n)));
    for (const ms of next) expect(ms).toBeLessThan(200);

    await sleeping;
    // Back to shared state once a background probe gets through, with no call needed.
    expect(await until(() => store.degraded?.() === false, 8_000)).toBe(true);
    // The deliveries answered during the stall are claimed in Redis, for the other replicas.
    expect(await admin.exists('stall:dedupe:ev3')).toBe(1);
    expect(await store.claim('dedupe:ev3', 60_000)).toBe(false);
    expect(await oneAnswer(store, 6)).toBeLessThan(500);
    expect(await admin.exists('stall:thread:6')).toBe(1);
  }, 30_000);
});
