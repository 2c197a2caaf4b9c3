import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { DEFAULT_LIMITS, type CoreDeps } from '../../bot/core/deps.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';

/** The real core for the Teams suites: built-in catalog, real classifier, in-memory store. */

const catalog = loadCatalog();
const classifier = createClassifier(catalog);

export function coreDeps(): CoreDeps {
  return {
    catalog,
    classifier,
    store: createMemoryStore(),
    clock: Date.now,
    limits: DEFAULT_LIMITS,
    logger: silentLogger(),
  };
}
