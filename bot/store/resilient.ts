import type { Logger } from '../ops/logger.ts';
import { createMemoryStore } from './memory.ts';
import type { Store } from './store.ts';

export interface ResilientOptions {
  /** Which errors mean "the shared store is gone" (the rest are bugs and are rethrown). */
  isOutage: (err: unknown) => boolean;
  logger: Logger;
  /** Called on each change between healthy and degraded (metrics, readiness). */
  onStateChange?: (degraded: boolean) => void;
  /**
   * A Redis that flaps (up, down, up...) would otherwise log a warning per flap; after one
   * warning, further outages within this window are logged at debug level (default 5 min).
   */
  quietMs?: number;
  clock?: () => number;
}

/**
 * Keeps answers flowing while the shared store is down. Every operation falls back to a
 * process-local memory store: deduplication becomes per-replica (a Slack retry to the same
 * replica is still caught; the same event on two replicas may be answered twice, which
 * beats not answering), thread context and rate limits become per-replica. The outage is
 * logged once when it starts and once when it ends, however many calls fail in between.
 */
export function resilientStore(primary: Store, options: ResilientOptions): Store & { degraded(): boolean } {
  const local = createMemoryStore();
  const clock = options.clock ?? Date.now;
  const quietMs = options.quietMs ?? 5 * 60_000;
  let degraded = false;
  let warnedAt = -Infinity;
  /** Whether this outage was announced at warn level: only then is its end worth an info line. */
  let loudOutage = false;

  const markDegraded = (err: unknown): void => {
    if (degraded) return;
    degraded = true;
    const reason = err instanceof Error ? err.message : String(err);
    const loud = clock() - warnedAt >= quietMs;
    if (loud) warnedAt = clock();
    loudOutage = loud;
    const message = 'shared store unreachable: answering from local memory (deduplication and thread context are per-replica until it returns)';
    if (loud) options.logger.warn({ reason }, message);
    else options.logger.debug({ reason }, message);
    options.onStateChange?.(true);
  };

  const markHealthy = (): void => {
    if (!degraded) return;
    degraded = false;
    const message = 'shared store reachable again: back to shared state';
    if (loudOutage) options.logger.info(message);
    else options.logger.debug(message);
    options.onStateChange?.(false);
  };

  const run = async <R>(op: (s: Store) => Promise<R>): Promise<R> => {
    try {
      const result = await op(primary);
      markHealthy();
      return result;
    } catch (err) {
      if (!options.isOutage(err)) throw err;
      markDegraded(err);
      return op(local);
    }
  };

  return {
    claim: (key, ttlMs) => run((s) => s.claim(key, ttlMs)),
    get: <T>(key: string) => run((s) => s.get<T>(key)),
    set: (key, value, ttlMs) => run((s) => s.set(key, value, ttlMs)),
    delete: (key) => run((s) => s.delete(key)),
    incr: (key, ttlMs) => run((s) => s.incr(key, ttlMs)),
    hincr: (key, field, by, ttlMs) => run((s) => s.hincr(key, field, by, ttlMs)),
    hgetall: (key) => run((s) => s.hgetall(key)),
    async ping() {
      // /readyz probes this every few seconds: it is also how recovery is noticed when
      // no traffic arrives during the outage.
      const ok = await primary.ping();
      if (ok) markHealthy();
      else markDegraded(new Error('ping failed'));
      return ok;
    },
    async close() {
      await Promise.allSettled([primary.close(), local.close()]);
    },
    degraded: () => degraded,
  };
}
