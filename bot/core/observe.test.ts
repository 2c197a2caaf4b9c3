import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { handle } from './handle.ts';
import { DEFAULT_LIMITS, type CoreDeps } from './deps.ts';
import type { Incoming, Place } from './types.ts';
import { createMemoryStore } from '../store/memory.ts';
import { silentLogger } from '../ops/logger.ts';
import { createMetrics } from '../ops/metrics.ts';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);
const place: Place = { platform: 'slack', team: 'T1', channel: 'C1', thread: '1.1', space: 'channel' };
const ENTRY = 'UserErrorSQLLSNValidationFailure';

function deps(limitsPerUser = 20) {
  const metrics = createMetrics({ defaultMetrics: false });
  const core: CoreDeps = {
    catalog,
    classifier,
    store: createMemoryStore(),
    clock: Date.now,
    limits: { ...DEFAULT_LIMITS, perUser: { max: limitsPerUser, windowMs: 60_000 } },
    logger: silentLogger(),
    metrics,
  };
  return { core, metrics };
}

async function value(metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const match = (metric?.values ?? []).filter((v) => Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l));
  return match.reduce((sum, v) => sum + v.value, 0);
}

const mention = (id: string, text: string, user = 'U1'): Incoming => ({ type: 'message', id, user, place, text, addressed: true });

describe('metrics through the core', () => {
  it('counts deliveries seen, answers per entry, duplicates and decision latency', async () => {
    const { core, metrics } = deps();
    await handle(mention('e1', `${ENTRY}: Log chain is broken.`), core);
    await handle(mention('e1', `${ENTRY}: Log chain is broken.`), core);
    expect(await value(metrics, 'sqlbackup_messages_seen_total', { platform: 'slack', kind: 'message' })).toBe(2);
    expect(await value(metrics, 'sqlbackup_answers_total', { entry: ENTRY })).toBe(1);
    expect(await value(metrics, 'sqlbackup_duplicate_deliveries_total')).toBe(1);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/sqlbackup_reply_latency_seconds_count\{platform="slack"\} 2/);
  });

  it('counts refusals by the rate limit and feedback votes', async () => {
    const { core, metrics } = deps(1);
    await handle(mention('r1', ENTRY), core);
    await handle(mention('r2', ENTRY), core);
    await handle(mention('r3', ENTRY), core);
    expect(await value(metrics, 'sqlbackup_rate_limited_total')).toBe(2);
    await handle({ type: 'action', id: 'a1', user: 'U2', place, action: { kind: 'feedback', entryId: ENTRY, helpful: false } }, core);
    expect(await value(metrics, 'sqlbackup_feedback_total', { entry: ENTRY, helpful: 'false' })).toBe(1);
  });

  it('counts a vote once: not again for a second click, a duplicate delivery or an entry not in the catalog', async () => {
    const { core, metrics } = deps();
    const vote = (id: string, entryId = ENTRY): Incoming => ({ type: 'action', id, user: 'U4', place, action: { kind: 'feedback', entryId, helpful: true } });
    await handle(vote('v1'), core);
    await handle(vote('v1'), core);
    await handle(vote('v2'), core);
    await handle(vote('v3', 'NoSuchEntryAnywhere'), core);
    expect(await value(metrics, 'sqlbackup_feedback_total', { entry: ENTRY, helpful: 'true' })).toBe(1);
    expect(await value(metrics, 'sqlbackup_feedback_total', { entry: 'NoSuchEntryAnywhere' })).toBe(0);
  });

  it('counts an unasked answer in a watched channel as an auto-detect trigger, an asked one not', async () => {
    const { core, metrics } = deps();
    await handle(mention('w0', ENTRY), core);
    expect(await value(metrics, 'sqlbackup_autodetect_triggers_total')).toBe(0);
    await handle({ type: 'command', id: 'w1', user: 'U1', place: { ...place, thread: null }, text: 'watch on' }, core);
    await handle({ type: 'message', id: 'w2', user: 'U3', place: { ...place, thread: '2.2' }, text: `${ENTRY}: Log chain is broken.`, addressed: false }, core);
    expect(await value(metrics, 'sqlbackup_autodetect_triggers_total', { entry: ENTRY })).toBe(1);
  });
});
