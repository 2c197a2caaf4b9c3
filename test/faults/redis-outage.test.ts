import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../support/capture-logger.ts';
import { createStore } from '../../bot/store/create-store.ts';
import type { Store } from '../../bot/store/store.ts';
import { until } from '../../testkit/until.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';

const redis = redisAvailability();


describe.skipIf(!redis.available)('Redis lost while running (store level)', () => {
  let server: TestRedis;
  let store: Store;
  const { logger, lines } = captureLogger();
  const degradedChanges: boolean[] = [];

  beforeAll(async () => {
    server = await startRedis();
    store = await createStore({ kind: 'redis', url: server.url, keyPrefix: 'fault:' }, { logger, onStateChange: (d) => degradedChanges.push(d) });
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('keeps answering through the outage with one warning, and recovers without a restart', async () => {
    expect(await store.claim('ev:before', 60_000)).toBe(true);
    expect(await store.claim('ev:before', 60_000)).toBe(false);

    await server.kill();

    // 200 deliveries during the outage: none blocks, each new one may be answered.
    const started = Date.now();
    const claims = await Promise.all(Array.from({ length: 200 }, (_, i) => store.claim(`ev:during:${i}`, 60_000)));
    expect(claims.every(Boolean)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    // A Slack retry reaching this same replica is still caught by the local fallback.
    expect(await store.claim('ev:during:0', 60_000)).toBe(false);
    // Thread context written during the outage is readable on this replica.
    await store.set('thread:x', { entryId: 'E1' }, 60_000);
    expect(await store.get('thread:x')).toEqual({ entryId: 'E1' });
    expect(await store.incr('rate:u', 60_000)).toBe(1);
    expect(await store.ping()).toBe(false);

    const warnings = lines.filter((l) => l['level'] === 'warn');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.['msg'])).toMatch(/shared store unreachable/);

    await server.restart();
    expect(await until(() => store.ping(), 10_000)).toBe(true);

    // Shared again: a claim made now is seen by another replica through Redis.
    const replicaB = await createStore({ kind: 'redis', url: server.url, keyPrefix: 'fault:' }, { logger: captureLogger().logger });
    expect(await store.claim('ev:after', 60_000)).toBe(true);
    expect(await replicaB.claim('ev:after', 60_000)).toBe(false);
    await replicaB.close();
    expect(lines.filter((l) => l['level'] === 'warn')).toHaveLength(1);
    expect(lines.some((l) => String(l['msg']).includes('reachable again'))).toBe(true);
    expect(degradedChanges).toEqual([true, false]);
  });
});
