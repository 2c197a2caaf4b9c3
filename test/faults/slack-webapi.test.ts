import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBot, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi, type SlackCall } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs, signedHeaders } from '../../testkit/slack-events.ts';

/**
 * The Slack Web API misbehaving while the bot answers: rate limits, server errors, dropped
 * connections. A real bot process against a scripted stand-in; what counts is whether the
 * answer reaches the thread, how many attempts it took, and how long the bot waited.
 */

const PASTE = 'UserErrorSQLLSNValidationFailure: Log chain is broken.';
const slack = new FakeSlackApi();
let bot: BotProcess;
let n = 0;

beforeAll(async () => {
  await slack.start();
  // Debug level: the most log lines, so the most chances for a secret to leak.
  bot = await startBot('faults', botEnv({ slackApiUrl: slack.url, extra: { LOG_LEVEL: 'debug' } }));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await slack.stop();
});

async function ask(channel: string, extra: Partial<Parameters<typeof messageEvent>[0]> = {}): Promise<void> {
  const body = messageEvent({ eventId: `Ev0FLT${++n}`, type: 'app_mention', channel, ts: nextTs(), text: `<@UBOT> ${PASTE}`, ...extra });
  const res = await fetch(`${bot.base}/slack/events`, { method: 'POST', headers: signedHeaders(TEST_SIGNING_SECRET, body), body });
  expect(res.status).toBe(200);
}

const attempts = (channel: string): SlackCall[] => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel);

describe('Slack Web API faults', () => {
  it('429 with Retry-After: waits that long, retries, and the answer is posted once', async () => {
    slack.inject('chat.postMessage', { kind: 'status', status: 429, retryAfterSec: 2 });
    await ask('C0429');
    await slack.waitFor(() => attempts('C0429').length >= 2, 15_000);
    const [first, second] = attempts('C0429');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1900);
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts('C0429')).toHaveLength(2);
  });

  it('5xx and a dropped connection: retried with growing waits until the answer goes out', async () => {
    slack.inject('chat.postMessage', { kind: 'status', status: 503 }, { kind: 'reset' }, { kind: 'status', status: 500 });
    await ask('C05XX');
    await slack.waitFor(() => attempts('C05XX').length >= 4, 20_000);
    const at = attempts('C05XX').map((c) => c.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    // Backoff: each wait at least as long as the one before, none immediate.
    expect(gaps[0]).toBeGreaterThanOrEqual(400);
    gaps.slice(1).forEach((g, i) => expect(g).toBeGreaterThanOrEqual((gaps[i] ?? 0) * 0.9));
    expect(attempts('C05XX')).toHaveLength(4);
  });

  it('a Slack outage: gives up after a bounded number of attempts, logs the failure, keeps serving', async () => {
    const outage = Array.from({ length: 6 }, () => ({ kind: 'status', status: 500 }) as const);
    slack.inject('chat.postMessage', ...outage);
    await ask('C0DOWN');
    // Bounded: the error line appears, and no more attempts follow it.
    await expect
      .poll(() => bot.logs.some((l) => l['level'] === 'error' && l['channel'] === 'C0DOWN'), { timeout: 30_000, interval: 200 })
      .toBe(true);
    const tried = attempts('C0DOWN').length;
    expect(tried).toBeGreaterThan(1);
    expect(tried).toBeLessThanOrEqual(5);
    await new Promise((r) => setTimeout(r, 1500));
    expect(attempts('C0DOWN')).toHaveLength(tried);
    slack.clearFaults();
    await ask('C0AFTER');
    await slack.waitFor(() => attempts('C0AFTER').length >= 1, 15_000);
  }, 60_000);

  it('one conversation stuck on a slow call does not hold up another', async () => {
    // (A 429 is different: Slack's client pauses all calls for Retry-After, as Slack asks,
    // because its limits are per workspace and method.)
    slack.inject('chat.postMessage', { kind: 'delay', ms: 4000 });
    await ask('C0SLOW');
    await slack.waitFor(() => attempts('C0SLOW').length >= 1);
    const started = Date.now();
    await ask('C0FAST');
    await slack.waitFor(() => attempts('C0FAST').length >= 1, 5000);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('a handler that throws', () => {
  it('does not take the process down or stop other conversations', async () => {
    // An app_mention with no text makes the listener throw before it reaches the core.
    const broken = JSON.parse(messageEvent({ eventId: 'Ev0BROKEN', type: 'app_mention', channel: 'C0BROKEN', text: 'x' })) as { event: Record<string, unknown> };
    delete broken.event['text'];
    const body = JSON.stringify(broken);
    const res = await fetch(`${bot.base}/slack/events`, { method: 'POST', headers: signedHeaders(TEST_SIGNING_SECRET, body), body });
    expect(res.status).toBe(200);
    // An answer that Slack refuses (channel_not_found) throws inside the listener too.
    slack.inject('chat.postMessage', { kind: 'slack-error', error: 'channel_not_found' });
    await ask('C0GONE');
    await ask('C0NEXT');
    await slack.waitFor(() => attempts('C0NEXT').length >= 1, 10_000);
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
    const failure = bot.logs.find((l) => l['level'] === 'error' && l['channel'] === 'C0GONE');
    expect(failure).toBeDefined();
    // The line can be tied to the HTTP request that brought the event.
    expect(failure?.['reqId']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logs after all of the above', () => {
  it('never contain the bot token or the signing secret, and every line is JSON', () => {
    const all = JSON.stringify(bot.logs) + bot.stderr.join('');
    expect(bot.logs.length).toBeGreaterThan(20);
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain(TEST_BOT_TOKEN.slice(5));
    expect(all).not.toContain(TEST_SIGNING_SECRET);
    expect(bot.logs.filter((l) => l['unparsed'] === true)).toEqual([]);
  });
});
