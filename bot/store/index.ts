export type { Store } from './store.ts';
export { createMemoryStore, type Clock } from './memory.ts';
export { connectRedisStore, StoreUnavailableError } from './redis.ts';
export { resilientStore } from './resilient.ts';
export { readStoreConfig, StoreConfigError, type StoreConfig } from './config.ts';
export { createStore } from './create-store.ts';
