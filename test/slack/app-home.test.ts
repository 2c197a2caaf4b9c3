import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitViolations } from '../../bot/cards/slack-limits.ts';
import { EXAMPLE_QUESTIONS, NO_RECENT } from '../../bot/cards/slack-home.ts';
import { RECENT_MAX, RECENT_TTL_MS } from '../../bot/core/recent-answers.ts';
import { connectRedisStore } from '../../bot/store/redis.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';
import { messageEvent } from '../../testkit/slack-events.ts';
import { FORM, startTestBot, type TestBot } from './harness.ts';
import { slashCommand } from './payloads.ts';

/** The Home tab: a signed app_home_opened event into Bolt, views.publish caught by the Web API stand-in. */

let bot: TestBot;
let n = 0;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const homeOpenedBy = (user: string): string => homeOpened(user);

function homeOpened(user: string, tab: 'home' | 'messages' = 'home'): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0BOT',
    type: 'event_callback',
    event_id: `EvHome${++n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: String(Date.now() / 1000) },
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
  });
}

const publishedFor = (user: string) => bot.slack.calls.filter((c) => c.method === 'views.publish' && c.args['user_id'] === user);

async function openHome(user: string): Promise<{ type: string; blocks: KnownBlock[] }> {
  const before = publishedFor(user).length;
  expect((await bot.send(homeOpened(user))).status).toBe(200);
  await bot.slack.waitFor(() => publishedFor(user).length > before);
  const view = publishedFor(user).at(-1)!.args['view'];
  return (typeof view === 'string' ? JSON.parse(view) : view) as { type: string; blocks: KnownBlock[] };
}

describe('Slack App Home', () => {
  it('publishes what the bot does, three example questions, within Block Kit limits', async () => {
    const view = await openHome('U0HOME1');
    expect(view.type).toBe('home');
    expect(blockKitViolations(view.blocks)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Paste an error');
    expect(text).toContain('Explain this error');
    for (const q of EXAMPLE_QUESTIONS) expect(text).toContain(q);
    expect(EXAMPLE_QUESTIONS).toHaveLength(3);
  });

  it('shows the errors answered this week, updated on each opening', async () => {
    const code = 'UserErrorSQLLSNValidationFailure';
    expect(JSON.stringify((await openHome('U0HOME2')).blocks)).not.toContain(code);
    const body = messageEvent({ eventId: `EvPaste${++n}`, channel: 'C0HOMEPASTE', text: `Backup failed: ${code}` });
    expect((await bot.send(body)).status).toBe(200);
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === 'C0HOMEPASTE').length > 0);
    const text = JSON.stringify((await openHome('U0HOME2')).blocks);
    expect(text).toContain(code);
    // The week only: the month is for /sqlbackup stats.
    expect(text).toContain('Last 7 days');
    expect(text).not.toContain('Last 30 days');
  });

  it('draws nothing when the Messages tab is opened', async () => {
    expect((await bot.send(homeOpened('U0HOME3', 'messages'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(publishedFor('U0HOME3')).toEqual([]);
  });

  describe('your last answers', () => {
    /** The mrkdwn of the section under the "Your last answers" header. */
    function recentSection(blocks: KnownBlock[]): string {
      const at = blocks.findIndex((b) => b.type === 'header' && b.text.text === 'Your last answers');
      expect(at).toBeGreaterThan(-1);
      const next = blocks[at + 1];
      return next?.type === 'section' ? (next.text?.text ?? '') : '';
    }
    async function dm(user: string, text: string): Promise<void> {
      const channel = `D0${user}`;
      const before = bot.slack.posts((c) => c.args['channel'] === channel).length;
      const body = messageEvent({ eventId: `EvDm${++n}`, channel, channelType: 'im', user, text });
      expect((await bot.send(body)).status).toBe(200);
      await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === channel).length > before);
    }
    async function command(user: string, text: string): Promise<void> {
      const hook = bot.hooks.url();
      expect((await bot.send(slashCommand({ text, user, responseUrl: hook }), { contentType: FORM })).status).toBe(200);
      await bot.hooks.waitFor(hook);
    }

    it('lists the entries answered to this user, newest first with when, and only to them', async () => {
      expect(recentSection((await openHome('U0REC1')).blocks)).toBe(NO_RECENT);
      await dm('U0REC1', 'Backup failed with UserErrorSQLLSNValidationFailure last night');
      await command('U0REC1', 'UserErrorSQLNoSysadminMembership');
      const view = await openHome('U0REC1');
      expect(blockKitViolations(view.blocks)).toEqual([]);
      const lines = recentSection(view.blocks).split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('`UserErrorSQLNoSysadminMembership`');
      expect(lines[1]).toContain('`UserErrorSQLLSNValidationFailure`');
      // Slack shows the time in the reader's zone; the fallback is UTC.
      for (const line of lines) expect(line).toMatch(/<!date\^\d{10}\^\{date_short_pretty\} at \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/);
      // Somebody else's Home shows none of it (the team's top errors are another section).
      expect(recentSection((await openHome('U0REC2')).blocks)).toBe(NO_RECENT);
    });

    it('keeps the last few only, and an entry asked again moves up instead of showing twice', async () => {
      const codes = [
        'UserErrorSQLLSNValidationFailure', 'UserErrorSQLNoSysadminMembership', 'UserErrorParentFullBackupMissing',
        'UserErrorBackupFailedAsTransactionLogIsFull', 'UserErrorOpeningSQLConnection', 'UserErrorDatabaseFileCollision',
      ];
      for (const code of codes) await command('U0REC3', code);
      await command('U0REC3', codes[2]!);
      const view = await openHome('U0REC3');
      expect(blockKitViolations(view.blocks)).toEqual([]);
      const shown = [...recentSection(view.blocks).matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect(shown).toHaveLength(RECENT_MAX);
      expect(shown).toEqual([codes[2], codes[5], codes[4], codes[3], codes[1]]);
    });

    it('a user\'s chatter that got only help adds nothing', async () => {
      await dm('U0REC4', 'how do I reset my VPN password?');
      expect(recentSection((await openHome('U0REC4')).blocks)).toBe(NO_RECENT);
    });
  });
});

const redis = redisAvailability();

describe.skipIf(!redis.available)('Slack App Home with Redis', () => {
  let server: TestRedis;
  let store: Awaited<ReturnType<typeof connectRedisStore>>;
  let redisBot: TestBot;

  beforeAll(async () => {
    server = await startRedis();
    store = await connectRedisStore({ url: server.url, keyPrefix: 'home:' });
    redisBot = await startTestBot({}, store);
  });
  afterAll(async () => {
    await redisBot?.stop();
    await store?.close();
    await server?.stop();
  });

  it('keeps the last answers in Redis, one bounded list per workspace and user that expires', async () => {
    const hook = redisBot.hooks.url();
    expect((await redisBot.send(slashCommand({ text: 'UserErrorSQLLSNValidationFailure', user: 'U0RED1', responseUrl: hook }), { contentType: FORM })).status).toBe(200);
    await redisBot.hooks.waitFor(hook);
    // KEYS answers whole names; other commands add the client's prefix themselves.
    expect(await store.client.keys('home:recent:*')).toEqual(['home:recent:slack:T0001:U0RED1']);
    const ttl = await store.client.pttl('recent:slack:T0001:U0RED1');
    expect(ttl).toBeGreaterThan(RECENT_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(RECENT_TTL_MS);

    expect((await redisBot.send(homeOpenedBy('U0RED1'))).status).toBe(200);
    await redisBot.slack.waitFor(() => redisBot.slack.calls.some((c) => c.method === 'views.publish' && c.args['user_id'] === 'U0RED1'));
    const call = redisBot.slack.calls.find((c) => c.method === 'views.publish' && c.args['user_id'] === 'U0RED1')!;
    const view = (typeof call.args['view'] === 'string' ? JSON.parse(call.args['view']) : call.args['view']) as { blocks: KnownBlock[] };
    expect(JSON.stringify(view.blocks)).toMatch(/Your last answers.*`UserErrorSQLLSNValidationFailure` .* <!date\^/);
  });
});
