/**
 * Store settings, read from the environment once by the composition root.
 *   REDIS_URL          redis://[:password@]host:port[/db] (rediss:// for TLS): shared state for several replicas
 *   STORE              "memory" forces the in-process store even when REDIS_URL is set;
 *                      "redis" insists on Redis (start-up fails without REDIS_URL)
 *   REDIS_KEY_PREFIX   namespace for every key (default "sqlbackup:")
 *   MEMORY_STORE_MAX_KEYS  most keys the in-memory store keeps, least recently used evicted
 *                      first (default 200000); also bounds the local fallback during a Redis outage
 */
export type StoreConfig =
  | { readonly kind: 'memory'; readonly maxKeys?: number }
  | { readonly kind: 'redis'; readonly url: string; readonly keyPrefix: string; readonly maxKeys?: number };

export class StoreConfigError extends Error {
  override readonly name = 'StoreConfigError';
}

export function readStoreConfig(env: Readonly<Record<string, string | undefined>>): StoreConfig {
  const mode = env['STORE']?.trim().toLowerCase() || undefined;
  const url = env['REDIS_URL']?.trim() || undefined;
  const keyPrefix = env['REDIS_KEY_PREFIX']?.trim() || 'sqlbackup:';
  if (mode !== undefined && mode !== 'memory' && mode !== 'redis') {
    throw new StoreConfigError(`STORE must be "memory" or "redis", got "${mode}"`);
  }
  const bound = maxKeysFrom(env['MEMORY_STORE_MAX_KEYS']);
  if (mode === 'memory') return { kind: 'memory', ...bound };
  if (url === undefined) {
    if (mode === 'redis') throw new StoreConfigError('STORE=redis needs REDIS_URL (e.g. redis://localhost:6379)');
    return { kind: 'memory', ...bound };
  }
  if (!/^rediss?:\/\//.test(url)) {
    throw new StoreConfigError('REDIS_URL must start with redis:// or rediss://');
  }
  return { kind: 'redis', url, keyPrefix, ...bound };
}

/** Unset leaves the store's default; anything but a whole number from 100 up is refused. */
function maxKeysFrom(raw: string | undefined): { maxKeys?: number } {
  const text = raw?.trim();
  if (!text) return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 100 || n > 100_000_000) {
    throw new StoreConfigError(`MEMORY_STORE_MAX_KEYS must be a whole number from 100 to 100000000, got "${text}"`);
  }
  return { maxKeys: n };
}
