import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { createStore } from '../../bot/store/create-store.ts';
import { isOutage } from '../../bot/store/redis.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { startTestBot, type TestBot } from '../slack/harness.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';

/**
 * Redis that is up but refuses to serve: full (OOM under maxmemory with noeviction) or a
 * read-only replica (what clients see during a failover, e.g. Azure Cache for Redis patching).
 * Neither is a bug in the bot: answers must keep going out, as they do when Redis is down.
 */

const redis = redisAvailability();
const LSN = 'UserErrorSQLLSNValidationFailure';
const title = loadCatalog().get(LSN)?.title ?? '??';

describe.skipIf(!redis.available)('Redis refusing commands while running, through the Slack adapter', () => {
  let server: TestRedis;
  let admin: Redis;
  let bot: TestBot;
  let n = 0;

  beforeAll(async () => {
    server = await startRedis();
    admin = new Redis(server.url);
    const store = await createStore({ kind: 'redis', url: server.url, keyPrefix: 'refusing:' }, { logger: captureLogger().logger });
    bot = await startTestBot({}, store);
  });
  afterAll(async () => {
    await bot?.stop();
    admin?.disconnect();
    await server?.stop();
  });

  async function pasteIsAnswered(): Promise<void> {
    const channel = `C0REFUSE${++n}`;
    await bot.send(messageEvent({ eventId: `EvRefuse${n}`, channel, text: `${LSN}: Log chain is broken.`, ts: nextTs(), user: `U0REFUSE${n}` }));
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === channel).length > 0, 5000);
    expect(JSON.stringify(bot.slack.posts((c) => c.args['channel'] === channel)[0]?.args['blocks'])).toContain(title);
  }

  it('still treats a wrong command as a bug, not an outage', async () => {
    await admin.hset('a-hash', 'f', '1');
    const wrong: unknown = await admin.incr('a-hash').catch((e: unknown) => e);
    expect(String(wrong)).toMatch(/WRONGTYPE/);
    expect(isOutage(wrong)).toBe(false);
  });

  /** Makes Redis refuse writes, checks the bot still answers a paste, then lets Redis serve again. */
  async function answersWhile(refusal: RegExp, refuse: () => Promise<unknown>, restore: () => Promise<unknown>): Promise<void> {
    await refuse();
    try {
      const refused: unknown = await admin.set('probe', '1').catch((e: unknown) => e);
      expect(String(refused)).toMatch(refusal);
      expect(isOutage(refused)).toBe(true);
      await pasteIsAnswered();
    } finally {
      await restore();
    }
  }

  it('answers while Redis is full (OOM)', () =>
    answersWhile(
      /OOM/,
      async () => {
        await admin.config('SET', 'maxmemory-policy', 'noeviction');
        await admin.config('SET', 'maxmemory', '1');
      },
      () => admin.config('SET', 'maxmemory', '0'),
    ));

  it('answers while Redis is a read-only replica (failover)', () =>
    answersWhile(/READONLY/, () => admin.replicaof('127.0.0.1', '1'), () => admin.replicaof('NO', 'ONE')));
});

