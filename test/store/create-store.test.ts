import { describe, expect, it } from 'vitest';
import { readStoreConfig, StoreConfigError } from '../../bot/store/config.ts';
import { createStore } from '../../bot/store/create-store.ts';
import { StoreUnavailableError } from '../../bot/store/redis.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { freePort } from '../../testkit/redis-server.ts';

describe('store configuration', () => {
  it('uses memory when no REDIS_URL is set, Redis when it is, and memory when the operator forces it', () => {
    expect(readStoreConfig({})).toEqual({ kind: 'memory' });
    expect(readStoreConfig({ REDIS_URL: 'redis://cache:6379' })).toEqual({ kind: 'redis', url: 'redis://cache:6379', keyPrefix: 'sqlbackup:' });
    expect(readStoreConfig({ REDIS_URL: 'redis://cache:6379', STORE: 'memory' })).toEqual({ kind: 'memory' });
    expect(readStoreConfig({ REDIS_URL: 'rediss://cache:6380', REDIS_KEY_PREFIX: 'prod:' })).toMatchObject({ keyPrefix: 'prod:' });
  });

  it('refuses settings that would silently run without shared state', () => {
    expect(() => readStoreConfig({ STORE: 'redis' })).toThrow(/STORE=redis needs REDIS_URL/);
    expect(() => readStoreConfig({ STORE: 'memcached' })).toThrow(StoreConfigError);
    expect(() => readStoreConfig({ REDIS_URL: 'cache:6379' })).toThrow(/redis:\/\//);
  });
});

describe('createStore', () => {
  it('fails at start-up with an actionable message when Redis is unreachable, without leaking the password', async () => {
    const port = await freePort();
    const { logger } = captureLogger();
    const attempt = createStore({ kind: 'redis', url: `redis://:hunter2secret@127.0.0.1:${port}`, keyPrefix: 'x:' }, { logger });
    await expect(attempt).rejects.toThrow(StoreUnavailableError);
    const message = await attempt.catch((err: unknown) => (err as Error).message);
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toContain('STORE=memory');
    expect(message).not.toContain('hunter2secret');
  });

  it('runs in memory when asked, with no Redis anywhere', async () => {
    const { logger, lines } = captureLogger();
    const store = await createStore({ kind: 'memory' }, { logger });
    expect(await store.claim('ev', 1000)).toBe(true);
    expect(await store.claim('ev', 1000)).toBe(false);
    expect(lines.some((l) => l['store'] === 'memory')).toBe(true);
    await store.close();
  });
});
