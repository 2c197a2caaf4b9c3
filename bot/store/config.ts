/**
 * Store settings, read from the environment once by the composition root.
 *   REDIS_URL          redis://[:password@]host:port[/db] (rediss:// for TLS): shared state for several replicas
 *   STORE              "memory" forces the in-process store even when REDIS_URL is set;
 *                      "redis" insists on Redis (start-up fails without REDIS_URL)
 *   REDIS_KEY_PREFIX   namespace for every key (default "sqlbackup:")
 */
export type StoreConfig =
  | { readonly kind: 'memory' }
  | { readonly kind: 'redis'; readonly url: string; readonly keyPrefix: string };

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
  if (mode === 'memory') return { kind: 'memory' };
  if (url === undefined) {
    if (mode === 'redis') throw new StoreConfigError('STORE=redis needs REDIS_URL (e.g. redis://localhost:6379)');
    return { kind: 'memory' };
  }
  if (!/^rediss?:\/\//.test(url)) {
    throw new StoreConfigError('REDIS_URL must start with redis:// or rediss://');
  }
  return { kind: 'redis', url, keyPrefix };
}
