import { afterAll, beforeAll, describe } from 'vitest';
import { createMemoryStore } from '../../bot/store/memory.ts';
import { connectRedisStore } from '../../bot/store/redis.ts';
import type { Store } from '../../bot/store/store.ts';
import { storeContract } from './contract.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';

describe('memory store', () => {
  let now = 1_000_000;
  storeContract(
    () => Promise.resolve(createMemoryStore({ clock: () => now, sweepEvery: 3 })),
    (ms) => {
      now += ms;
      return Promise.resolve();
    },
  );
});

const redis = redisAvailability();

describe.skipIf(!redis.available)('redis store (real redis-server)', () => {
  let server: TestRedis;
  const opened: Store[] = [];
  let n = 0;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await server.stop();
  });
  storeContract(
    async () => {
      // A fresh prefix per test keeps tests independent on one server.
      const store = await connectRedisStore({ url: server.url, keyPrefix: `t${++n}:` });
      opened.push(store);
      return store;
    },
    (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  );
});
