import { loadCatalog } from '../catalog/index.ts';
import { DEFAULT_LIMITS } from '../bot/core/deps.ts';
import { handle } from '../bot/core/handle.ts';
import type { Place } from '../bot/core/types.ts';
import { silentLogger } from '../bot/ops/logger.ts';
import { createMemoryStore } from '../bot/store/memory.ts';
import { createClassifier } from '../intents/index.ts';
import { percentile } from './measure.ts';

/**
 * A turn in the bot's thread costs more than a first paste: the message is classified twice
 * (for a new problem, then as a follow-up) and the answer is put together from the catalog.
 * Measured through the core's handle() with the in-memory store, over every entry.
 */

const QUESTIONS = [
  'why?', 'how do I fix it?', 'powershell?', 'az cli?', 't-sql?', "what if it's master?", 'is it safe to retry?',
  'what if it still fails after 24h?', 'connectivity looks fine, what else?', "that's not it", 'thanks!', 'how to reset my VPN password?',
];

export interface ThreadTurns {
  readonly turns: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export async function measureThreadTurns(rounds = 3): Promise<ThreadTurns> {
  const catalog = loadCatalog();
  const deps = { catalog, classifier: createClassifier(catalog), store: createMemoryStore(), clock: Date.now, limits: { ...DEFAULT_LIMITS, perUser: { max: 1e9, windowMs: 60_000 }, perChannel: { max: 1e9, windowMs: 60_000 } }, logger: silentLogger() };
  const samples: number[] = [];
  let id = 0;
  for (let r = 0; r < rounds; r++) {
    for (const entry of catalog.entries) {
      const place: Place = { platform: 'slack', team: 'T', channel: `C${r}`, thread: `${entry.id}.${r}`, space: 'channel' };
      await handle({ type: 'message', id: `b${++id}`, user: 'U', place, text: entry.id, addressed: false }, deps);
      for (const text of QUESTIONS) {
        const t0 = performance.now();
        await handle({ type: 'message', id: `b${++id}`, user: 'U', place, text, addressed: false }, deps);
        if (r > 0) samples.push(performance.now() - t0); // the first round warms the caches
      }
    }
  }
  return { turns: samples.length, p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), max: Math.max(...samples) };
}
