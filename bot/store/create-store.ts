import type { Logger } from '../ops/logger.ts';
import type { StoreConfig } from './config.ts';
import { createMemoryStore } from './memory.ts';
import { connectRedisStore, isOutage, safeUrl } from './redis.ts';
import { resilientStore } from './resilient.ts';
import type { Store } from './store.ts';

export interface CreateStoreDeps {
  logger: Logger;
  /** Told when the shared store goes away or comes back (for a metrics gauge). */
  onStateChange?: (degraded: boolean) => void;
  /** Told how to read the number of keys held in process memory (for a metrics gauge). */
  reportMemoryKeys?: (read: () => number) => void;
}

/**
 * The store the bot runs with. Redis when configured, and then it must be reachable at
 * start-up (a StoreUnavailableError otherwise: silently running without shared state would
 * let replicas answer twice); once running, an outage degrades instead of failing.
 */
export async function createStore(config: StoreConfig, deps: CreateStoreDeps): Promise<Store> {
  const local = createMemoryStore(config.maxKeys === undefined ? {} : { maxKeys: config.maxKeys });
  deps.reportMemoryKeys?.(() => local.size());
  if (config.kind === 'memory') {
    deps.logger.info({ store: 'memory' }, 'store: in memory (single replica; state is lost on restart)');
    return local;
  }
  const redis = await connectRedisStore({ url: config.url, keyPrefix: config.keyPrefix });
  deps.logger.info({ store: 'redis', url: safeUrl(config.url) }, 'store: redis');
  return resilientStore(redis, {
    isOutage,
    local,
    logger: deps.logger,
    ...(deps.onStateChange ? { onStateChange: deps.onStateChange } : {}),
  });
}
