import type { Logger } from '../ops/logger.ts';
import { ClaimLedger } from './claim-ledger.ts';
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
  /** The first wait before probing a store that failed (default 500 ms); doubles on each failed probe. */
  backoffMs?: number;
  /** The longest wait between probes (default 5 s): also how late a recovery may be noticed. */
  maxBackoffMs?: number;
  /** Claims remembered locally (default 100,000); the oldest are forgotten first. */
  maxClaims?: number;
  /** The fallback used during an outage (default: an unbounded memory store). */
  local?: Store;
}

/** Writes back this many claims at a time, so a large ledger does not flood Redis as it returns. */
const WRITE_BACK_BATCH = 500;

/**
 * Keeps answers flowing while the shared store is down or stalled: a circuit breaker. The
 * first call that fails or times out opens it; from then on every call goes to a
 * process-local memory store at once, so a stalled Redis costs an answer at most one command
 * timeout, not one per call. A background probe pings the shared store after a backoff
 * (doubling up to maxBackoffMs) and closes the breaker when it answers, after writing back
 * the claims this replica holds. Thread context and rate limits are per-replica meanwhile.
 * The outage is logged once when it starts and once when it ends.
 */
export function resilientStore(primary: Store, options: ResilientOptions): Store & { degraded(): boolean } {
  const local = options.local ?? createMemoryStore();
  const clock = options.clock ?? Date.now;
  const quietMs = options.quietMs ?? 5 * 60_000;
  const firstBackoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  const ledger = new ClaimLedger(clock, options.maxClaims ?? 100_000);
  let open = false;
  let backoffMs = firstBackoffMs;
  let probeTimer: NodeJS.Timeout | undefined;
  let recovering: Promise<boolean> | undefined;
  let closed = false;
  let warnedAt = -Infinity;
  /** Whether this outage was announced at warn level: only then is its end worth an info line. */
  let loudOutage = false;

  const trip = (err: unknown): void => {
    if (open) return;
    open = true;
    backoffMs = firstBackoffMs;
    const reason = err instanceof Error ? err.message : String(err);
    const loud = clock() - warnedAt >= quietMs;
    if (loud) warnedAt = clock();
    loudOutage = loud;
    const message = 'shared store unreachable: answering from local memory (deduplication and thread context are per-replica until it returns)';
    if (loud) options.logger.warn({ reason }, message);
    else options.logger.debug({ reason }, message);
    options.onStateChange?.(true);
    scheduleProbe();
  };

  const scheduleProbe = (): void => {
    if (closed || probeTimer !== undefined) return;
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      void recover().then((ok) => {
        if (ok || !open) return;
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
        scheduleProbe();
      });
    }, backoffMs);
    probeTimer.unref();
  };

  /** Claims go back first: a replica that reads Redis after the breaker closes must see them. */
  const writeBack = async (): Promise<void> => {
    const claims = ledger.live();
    for (let i = 0; i < claims.length; i += WRITE_BACK_BATCH) {
      await Promise.all(claims.slice(i, i + WRITE_BACK_BATCH).map(({ key, ttlMs }) => primary.claim(key, ttlMs)));
    }
  };

  /** Pings the shared store; when it answers, writes the claims back and closes the breaker. One at a time. */
  const recover = (): Promise<boolean> => {
    recovering ??= (async () => {
      try {
        if (!(await primary.ping())) return false;
        if (!open) return true;
        await writeBack();
        open = false;
        const message = 'shared store reachable again: back to shared state';
        if (loudOutage) options.logger.info(message);
        else options.logger.debug(message);
        options.onStateChange?.(false);
        return true;
      } catch (err) {
        if (!options.isOutage(err)) options.logger.error({ err: (err as Error).message }, 'writing claims back to the shared store failed');
        return false;
      } finally {
        recovering = undefined;
      }
    })();
    return recovering;
  };

  const run = async <R>(op: (s: Store) => Promise<R>): Promise<R> => {
    if (open) return op(local);
    try {
      return await op(primary);
    } catch (err) {
      if (!options.isOutage(err)) throw err;
      trip(err);
      return op(local);
    }
  };

  return {
    async claim(key, ttlMs) {
      if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
      if (ledger.has(key)) return false;
      // Noted before the first await: a retry arriving while this claim is still on its way
      // to Redis (or while Redis is away) must see it.
      ledger.add(key, ttlMs);
      try {
        return await run((s) => (s === local ? Promise.resolve(true) : s.claim(key, ttlMs)));
      } catch (err) {
        ledger.forget(key);
        throw err;
      }
    },
    get: <T>(key: string) => run((s) => s.get<T>(key)),
    set: (key, value, ttlMs) => run((s) => s.set(key, value, ttlMs)),
    async delete(key) {
      ledger.forget(key);
      await run((s) => s.delete(key));
    },
    incr: (key, ttlMs) => run((s) => s.incr(key, ttlMs)),
    hincr: (key, field, by, ttlMs) => run((s) => s.hincr(key, field, by, ttlMs)),
    hgetall: (key) => run((s) => s.hgetall(key)),
    async ping() {
      // /readyz probes this every few seconds: a second way recovery is noticed.
      if (open) return recover();
      const ok = await primary.ping();
      if (!ok) trip(new Error('ping failed'));
      return ok;
    },
    async close() {
      closed = true;
      clearTimeout(probeTimer);
      await Promise.allSettled([primary.close(), local.close()]);
    },
    degraded: () => open,
  };
}
