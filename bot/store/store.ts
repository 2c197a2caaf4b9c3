/**
 * Everything that must be shared between replicas lives behind this interface, with
 * expiries: thread contexts, per-channel settings, delivery deduplication, feedback,
 * rate-limit counters and usage statistics. Two implementations: in memory (the embedded
 * default) and Redis. Values are JSON.
 */
export interface Store {
  /**
   * Set-if-absent with expiry. True for the caller that set the key first: the one that
   * may answer a delivery that Slack retried or that reached two replicas.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Increments a counter and returns the new value; the expiry is set when the key is created (fixed window). */
  incr(key: string, ttlMs: number): Promise<number>;
  /** Adds to a field of a hash of counters; the hash expires ttlMs after its creation. */
  hincr(key: string, field: string, by: number, ttlMs: number): Promise<void>;
  hgetall(key: string): Promise<Record<string, number>>;
  /** Reachable right now (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
