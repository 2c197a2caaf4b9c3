import { beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { DEFAULT_LIMITS, type CoreDeps } from '../../bot/core/deps.ts';
import { handle } from '../../bot/core/handle.ts';
import { keyPart, keys } from '../../bot/core/keys.ts';
import type { Place, Reply } from '../../bot/core/types.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';

/**
 * Ids come from the platforms and may contain anything a key uses as structure. Two
 * conversations whose ids differ must never share a thread memory, a rate limit or a
 * dedupe claim, however their ids are spelled.
 */

const catalog = loadCatalog();
const classifier = createClassifier(catalog);
const LSN = 'UserErrorSQLLSNValidationFailure';
let deps: CoreDeps;
let seq = 0;

beforeEach(() => {
  deps = { catalog, classifier, store: createMemoryStore(), clock: Date.now, limits: DEFAULT_LIMITS, logger: silentLogger() };
});

const place = (team: string, channel: string, thread: string | null = '100.1'): Place => ({ platform: 'teams', team, channel, thread, space: 'channel' });
const say = (text: string, where: Place, user = 'U1', id = `ev${++seq}`): Promise<Reply | null> =>
  handle({ type: 'message', id, user, place: where, text, addressed: true }, deps);
const shown = (reply: Reply | null): string => JSON.stringify(reply?.body ?? null);

describe('ids that contain the separator', () => {
  it('answers a follow-up in its own conversation, not in the context of one whose ids join to the same text', async () => {
    const first = await say(`${LSN}: Log chain is broken.`, place('T1:C9', '1'));
    expect(shown(first)).toContain(LSN);
    const other = await say('why?', place('T1', 'C9:1'));
    expect(shown(other)).not.toContain(LSN);
    // The first conversation still has its context.
    expect(shown(await say('why?', place('T1:C9', '1')))).toContain(LSN);
  });

  it("does not count one conversation's answers against a user whose team and user ids join to the same text", async () => {
    deps = { ...deps, limits: { ...DEFAULT_LIMITS, perUser: { max: 1, windowMs: 60_000 } } };
    expect(shown(await say(LSN, place('T1:U1', 'C1', '1.1'), 'x'))).toContain(LSN);
    expect(shown(await say(LSN, place('T1', 'C2', '2.1'), 'U1:x'))).toContain(LSN);
  });

  it('answers two deliveries whose conversation and delivery ids join to the same text', async () => {
    expect(await say(LSN, place('T1', 'C1', '3.1'), 'U1', '5:6')).not.toBeNull();
    expect(await say(LSN, place('T1', 'C1:5', '3.2'), 'U1', '6')).not.toBeNull();
  });
});

describe('key parts', () => {
  const awkward = ['', ':', '::', '*', '?', '[a]', '\r', '\n', '\r\n', ' ', '-', '%', '%3A', '{tag}', 'a\\b', 'T1', 'é', '19:abc@thread.tacv2'];

  it('gives distinct keys for every pair of distinct team, channel and thread ids', () => {
    const seen = new Map<string, string>();
    for (const team of awkward)
      for (const channel of awkward)
        for (const thread of [...awkward, null]) {
          const key = keys.thread(place(team, channel, thread));
          const who = JSON.stringify([team, channel, thread]);
          expect(seen.get(key) ?? who).toBe(who);
          seen.set(key, who);
        }
  });

  it('never lets a separator, a glob character, a line break or a space through', () => {
    for (const id of awkward) expect(keyPart(id)).not.toMatch(/[:*?[\]\r\n {}-]/);
    expect(keys.userRate(place('T1\r\n', 'C1'), 'U*').split(':')).toHaveLength(5);
  });

  it('leaves Slack ids as they were, so existing keys still match', () => {
    expect(keys.thread({ platform: 'slack', team: 'T01ABC', channel: 'C02DEF', thread: '1700000000.000100', space: 'channel' })).toBe(
      'thread:slack:T01ABC:C02DEF:1700000000.000100',
    );
    expect(keys.thread({ platform: 'slack', team: 'T01ABC', channel: 'D02DEF', thread: null, space: 'dm' })).toBe('thread:slack:T01ABC:D02DEF:-');
  });
});
