import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../bot/cards/slack-action.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import { connectRedisStore } from '../../bot/store/redis.ts';
import type { Store } from '../../bot/store/store.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';
import { FORM, startTestBot, type TestBot } from './harness.ts';
import { blockActions, buttonsOf, slashCommand } from './payloads.ts';

/**
 * `/sqlbackup stats` end to end: answers and votes made through the Slack app are counted
 * in the store and reported back, with the store in memory and in a real Redis.
 */

const LSN = 'UserErrorSQLLSNValidationFailure';
const FULL = 'UserErrorBackupFailedAsTransactionLogIsFull';

async function statsFlow(bot: TestBot): Promise<string> {
  let n = 0;
  const channel = `CSTATS${Date.now() % 100_000}`;
  const answered = async (text: string) => {
    const ts = nextTs();
    await bot.send(messageEvent({ eventId: `EvStats${++n}`, channel, ts, text }));
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === channel && c.args['thread_ts'] === ts).length > 0);
    const [post] = bot.slack.posts((c) => c.args['channel'] === channel && c.args['thread_ts'] === ts);
    return { ts, blocks: post?.args['blocks'] };
  };
  // The log chain breaks twice, the log fills once; one DBA finds the first answer helpful.
  const first = await answered(`Backup failed: ${LSN}`);
  await answered('Log chain is broken.');
  await answered(`Error Code : ${FULL}`);
  const helpful = buttonsOf(first.blocks).find((b) => {
    const action = decodeAction(b.value);
    return action?.kind === 'feedback' && action.helpful;
  });
  expect(helpful).toBeDefined();
  const voteUrl = bot.hooks.url();
  await bot.send(
    blockActions({ message: { ts: '9.9', thread_ts: first.ts, blocks: first.blocks as KnownBlock[] }, actionId: helpful?.action_id ?? '', value: helpful?.value ?? '', responseUrl: voteUrl, channel }),
    { contentType: FORM },
  );
  await bot.hooks.waitFor(voteUrl);

  const url = bot.hooks.url();
  await bot.send(slashCommand({ text: 'stats', channel, responseUrl: url }), { contentType: FORM });
  const [reply] = await bot.hooks.waitFor(url);
  expect(reply?.body['response_type']).toBe('ephemeral');
  return JSON.stringify(reply?.body['blocks']);
}

function expectReport(blocks: string): void {
  expect(blocks).toContain('What the team keeps hitting');
  expect(blocks).toContain('Last 7 days · 3 answers');
  expect(blocks).toContain('Last 30 days · 3 answers');
  // Most frequent first, with its helpful ratio; the other without votes.
  expect(blocks.indexOf(LSN)).toBeLessThan(blocks.indexOf(FULL));
  expect(blocks).toMatch(new RegExp(`${LSN}.*? · 2 answers · 100% helpful \\(1 vote\\)`));
  expect(blocks).toMatch(new RegExp(`${FULL}.*? · 1 answer · no votes yet`));
}

describe('/sqlbackup stats with the memory store', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({}, createMemoryStore());
  });
  afterAll(async () => bot?.stop());

  it('reports the most answered entries over 7 and 30 days with the helpful ratio', async () => {
    expectReport(await statsFlow(bot));
  });
});

const redis = redisAvailability();

describe.skipIf(!redis.available)('/sqlbackup stats with Redis', () => {
  let server: TestRedis;
  let store: Store;
  let bot: TestBot;
  beforeAll(async () => {
    server = await startRedis();
    store = await connectRedisStore({ url: server.url, keyPrefix: 'stats-test:' });
    bot = await startTestBot({}, store);
  });
  afterAll(async () => {
    await bot?.stop();
    await server?.stop();
  });

  it('reports the counts kept in Redis', async () => {
    expectReport(await statsFlow(bot));
  });
});
