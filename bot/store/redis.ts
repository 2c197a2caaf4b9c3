import { Redis, ReplyError } from 'ioredis';
import type { Store } from './store.ts';

export interface RedisStoreOptions {
  url: string;
  /** Namespaces every key, so one Redis can serve several bots or environments. */
  keyPrefix?: string;
  /** A command slower than this counts as an outage rather than stalling an answer. */
  commandTimeoutMs?: number;
  /** How long the first connection may take before start-up fails. */
  connectTimeoutMs?: number;
}

/** Raised at start-up when Redis cannot be reached; the message tells the operator what to do. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/**
 * Replies from a Redis that is up but cannot serve right now: full (OOM), a read-only replica
 * or a master that is down (a failover, e.g. Azure Cache for Redis patching), still loading
 * its data, busy with a script, or a cluster that is not ready.
 */
const UNAVAILABLE = /^(OOM|READONLY|MASTERDOWN|LOADING|BUSY|CLUSTERDOWN|TRYAGAIN|MISCONF|NOREPLICAS)\b/;

/** True for errors that mean "Redis cannot serve right now", as opposed to a bad command. */
export function isOutage(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err instanceof ReplyError ? UNAVAILABLE.test(err.message) : true;
}

/** The URL with any password blanked, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

// Fixed-window counters: the expiry is set only by the call that creates the key, in the
// same round trip, so a crash between the two steps cannot leave a counter that never expires.
const INCR_FIXED = `local v = redis.call('INCR', KEYS[1]) if v == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return v`;
const HINCR_FIXED = `local existed = redis.call('EXISTS', KEYS[1]) redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1], ARGV[2]) if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end return 1`;

/**
 * The shared store for several replicas. Commands fail fast while disconnected (no offline
 * queue) so a Redis outage costs an answer a few milliseconds, not a hang; the client keeps
 * reconnecting in the background, so Redis coming back needs no restart.
 */
export async function connectRedisStore(options: RedisStoreOptions): Promise<Store & { client: Redis }> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    keyPrefix: options.keyPrefix ?? 'sqlbackup:',
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2000),
  });
  // ioredis prints unhandled 'error' events to stderr on every reconnect attempt; the
  // resilient wrapper reports outages once, so these are deliberately ignored here.
  let lastError: Error | undefined;
  client.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    // connect() only says "Connection is closed"; the error event has the cause (ECONNREFUSED...).
    const why = (lastError ?? (err instanceof Error ? err : new Error(String(err)))).message;
    throw new StoreUnavailableError(
      `Redis at ${safeUrl(options.url)} is unreachable (${why}). Start Redis or fix REDIS_URL; ` +
        `to run a single replica without shared state, set STORE=memory.`,
    );
  }

  const positive = (ttlMs: number): number => {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
    return Math.ceil(ttlMs);
  };

  return {
    client,
    async claim(key, ttlMs) {
      return (await client.set(key, '1', 'PX', positive(ttlMs), 'NX')) === 'OK';
    },
    async get<T>(key: string) {
      const raw = await client.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async set(key, value, ttlMs) {
      const json = JSON.stringify(value ?? null);
      if (ttlMs === undefined) await client.set(key, json);
      else await client.set(key, json, 'PX', positive(ttlMs));
    },
    async delete(key) {
      await client.del(key);
    },
    async incr(key, ttlMs) {
      return Number(await client.eval(INCR_FIXED, 1, key, positive(ttlMs)));
    },
    async hincr(key, field, by, ttlMs) {
      await client.eval(HINCR_FIXED, 1, key, field, by, positive(ttlMs));
    },
    async hgetall(key) {
      const raw = await client.hgetall(key);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },
    async ping() {
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
