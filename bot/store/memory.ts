import type { Store } from './store.ts';

/** Milliseconds since some epoch; injectable so tests can move time without sleeping. */
export type Clock = () => number;

interface Slot {
  value: unknown;
  /** Absolute expiry in clock milliseconds; Infinity for keys set without a ttl. */
  expiresAt: number;
}

/** About 200 MB of keys at the roughly 1 KB an answered message leaves behind. */
export const DEFAULT_MEMORY_STORE_MAX_KEYS = 200_000;

export interface MemoryStoreOptions {
  clock?: Clock;
  /**
   * Sweep expired keys every this many writes. Reads already ignore expired keys; the sweep
   * only bounds memory when keys are written once and never read again (dedupe claims).
   */
  sweepEvery?: number;
  /** Most keys kept; past it the least recently used key with an expiry goes first. */
  maxKeys?: number;
}

/**
 * The embedded store: one process, nothing to install. Values are copied through JSON so a
 * caller mutating an object after `set` sees the same behaviour as with Redis.
 *
 * Bounded: a stream of messages from distinct users and channels leaves rate counters,
 * dedupe claims and thread contexts behind, about 1 KB per answer, and would otherwise grow
 * until the process is killed. Past maxKeys the least recently used key is evicted, one with
 * an expiry first: a key without one is a setting someone chose ("watch off") and goes only
 * when nothing else is left to evict.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store & { size(): number } {
  const clock = options.clock ?? Date.now;
  const sweepEvery = options.sweepEvery ?? 1000;
  const maxKeys = options.maxKeys ?? DEFAULT_MEMORY_STORE_MAX_KEYS;
  // Map order is insertion order: re-inserting a key on use keeps the least recently used first.
  const expiring = new Map<string, Slot>();
  const permanent = new Map<string, Slot>();
  let writes = 0;

  const live = (key: string): Slot | undefined => {
    const map = expiring.has(key) ? expiring : permanent;
    const slot = map.get(key);
    if (slot === undefined) return undefined;
    map.delete(key);
    if (slot.expiresAt <= clock()) return undefined;
    map.set(key, slot);
    return slot;
  };

  const expiry = (ttlMs: number | undefined): number => {
    if (ttlMs === undefined) return Infinity;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
    return clock() + ttlMs;
  };

  const evictOldest = (): void => {
    const map = expiring.size > 0 ? expiring : permanent;
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  };

  const put = (key: string, slot: Slot): void => {
    expiring.delete(key);
    permanent.delete(key);
    (slot.expiresAt === Infinity ? permanent : expiring).set(key, slot);
    while (expiring.size + permanent.size > maxKeys) evictOldest();
    if (++writes % sweepEvery === 0) {
      const now = clock();
      for (const [k, s] of expiring) if (s.expiresAt <= now) expiring.delete(k);
    }
  };

  const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

  // Errors (a bad ttl) become rejections, as they would from a network store.
  const settle = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  return {
    claim: (key, ttlMs) =>
      settle(() => {
        const expiresAt = expiry(ttlMs);
        if (live(key) !== undefined) return false;
        put(key, { value: 1, expiresAt });
        return true;
      }),
    get: <T>(key: string) =>
      settle(() => {
        const slot = live(key);
        return slot === undefined ? undefined : (copy(slot.value) as T);
      }),
    set: (key, value, ttlMs) => settle(() => put(key, { value: copy(value ?? null), expiresAt: expiry(ttlMs) })),
    delete: (key) =>
      settle(() => {
        expiring.delete(key);
        permanent.delete(key);
      }),
    incr: (key, ttlMs) =>
      settle(() => {
        const expiresAt = expiry(ttlMs);
        const slot = live(key);
        if (slot === undefined) {
          put(key, { value: 1, expiresAt });
          return 1;
        }
        const next = (typeof slot.value === 'number' ? slot.value : 0) + 1;
        slot.value = next;
        return next;
      }),
    hincr: (key, field, by, ttlMs) =>
      settle(() => {
        const expiresAt = expiry(ttlMs);
        const slot = live(key);
        if (slot === undefined) return put(key, { value: { [field]: by }, expiresAt });
        const hash = slot.value as Record<string, number>;
        hash[field] = (hash[field] ?? 0) + by;
      }),
    hgetall: (key) =>
      settle(() => {
        const slot = live(key);
        return slot === undefined ? {} : { ...(slot.value as Record<string, number>) };
      }),
    ping: () => Promise.resolve(true),
    close: () =>
      settle(() => {
        expiring.clear();
        permanent.clear();
      }),
    size: () => expiring.size + permanent.size,
  };
}
