import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';

/**
 * Messages from ever new users and channels leave keys behind in the in-memory store; with
 * a bound the store stops growing, /metrics says how full it is, and the bot keeps answering.
 */

const MAX_KEYS = 100;
const slack = new FakeSlackApi();
let bot: BotProcess;

beforeAll(async () => {
  await slack.start();
  bot = await startBot('memory-bound', botEnv({ slackApiUrl: slack.url, extra: { MEMORY_STORE_MAX_KEYS: String(MAX_KEYS) } }));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await slack.stop();
});

const storeKeys = async (): Promise<number> => {
  const text = await (await fetch(`${bot.base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('sqlbackup_memory_store_keys '));
  return Number(line?.split(' ')[1]);
};

describe('the in-memory store under messages from distinct users and channels', () => {
  it(`holds at most MEMORY_STORE_MAX_KEYS (${MAX_KEYS}) keys, shows the count in /metrics, and still answers`, async () => {
    const n = 60;
    for (let i = 0; i < n; i++) {
      const body = messageEvent({ eventId: `EvMem${i}`, type: 'app_mention', channel: `C0MEM${i}`, user: `U0MEM${i}`, ts: nextTs(), text: '<@UBOT> UserErrorSQLLSNValidationFailure' });
      expect(await bot.deliver(body)).toBe(200);
    }
    await slack.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= n, 20_000);
    const keys = await storeKeys();
    expect(keys).toBeGreaterThan(MAX_KEYS / 2);
    expect(keys).toBeLessThanOrEqual(MAX_KEYS);
  }, 40_000);
});
