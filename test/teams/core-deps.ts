import { loadCatalog, type Entry } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import type { FollowUp } from '../../intents/types.ts';
import { DEFAULT_LIMITS, type CoreDeps } from '../../bot/core/deps.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';

/**
 * The real core (catalog, classifier, in-memory store) for the Teams suites. Only the
 * follow-up reader is a stand-in: intents has no followUp() yet; swap it in when it lands.
 */

const catalog = loadCatalog();
const classifier = createClassifier(catalog);

function followUpStandIn(text: string, _entry: Entry): FollowUp {
  const t = text.toLowerCase();
  if (/powershell/.test(t)) return { kind: 'facet', topic: 'powershell' };
  if (/\bwhy\b/.test(t)) return { kind: 'why' };
  if (/\bfix\b/.test(t)) return { kind: 'fix' };
  if (/thank/.test(t)) return { kind: 'thanks' };
  return { kind: 'unknown' };
}

export function coreDeps(): CoreDeps {
  return {
    catalog,
    classifier: { ...classifier, followUp: followUpStandIn },
    store: createMemoryStore(),
    clock: Date.now,
    limits: DEFAULT_LIMITS,
    logger: silentLogger(),
  };
}
