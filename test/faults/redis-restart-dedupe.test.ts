import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../support/capture-logger.ts';
import { createStore } from '../../bot/store/create-store.ts';
import type { Store } from '../../bot/store/store.ts';
import { until } from '../../testkit/until.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';

/**
 * Redis killed and started again empty (no persistence), with Slack retrying deliveries
 * throughout. A replica must answer each delivery once: the ones it claimed in Redis before
 * the kill, the ones it claimed locally during the outage, and, once its claims are written
 * back, another replica must refuse them too.
 */

const redis = redisAvailability();


describe.skipIf(!redis.available)('Redis killed and restarted empty', () => {
  let server: TestRedis;
  let replicaA: Store & { degraded?: () => boolean };
  let replicaB: Store & { degraded?: () => boolean };

  beforeAll(async () => {
    server = await startRedis();
    const open = () => createStore({ kind: 'redis', url: server.url, keyPrefix: 'restart:' }, { logger: captureLogger().logger });
    replicaA = await open();
    replicaB = await open();
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await server?.stop();
  });

  it('answers every delivery once on a replica across the outage and the restart, and the other replica agrees after recovery', async () => {
    const ttl = 60_000;
    expect(await replicaA.claim('ev:before', ttl)).toBe(true);
    expect(await replicaB.claim('ev:before', ttl)).toBe(false);

    await server.kill();
    expect(await replicaA.claim('ev:during', ttl)).toBe(true);
    expect(await replicaA.claim('ev:during', ttl)).toBe(false);
    expect(await replicaA.claim('ev:before', ttl)).toBe(false);

    await server.restart();
    // Noticed by the background probe: no call and no readiness check is needed.
    expect(await until(() => replicaA.degraded?.() === false, 10_000)).toBe(true);

    // Slack's retries after the restart, to the replica that answered: refused.
    expect(await replicaA.claim('ev:before', ttl)).toBe(false);
    expect(await replicaA.claim('ev:during', ttl)).toBe(false);
    // To the other replica: refused too, from the claims written back.
    expect(await replicaB.claim('ev:during', ttl)).toBe(false);
    expect(await replicaB.claim('ev:before', ttl)).toBe(false);
    // New deliveries are shared as usual.
    expect(await replicaB.claim('ev:after', ttl)).toBe(true);
    expect(await replicaA.claim('ev:after', ttl)).toBe(false);
  }, 30_000);
});
