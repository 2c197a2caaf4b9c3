import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nestedDeeperThan } from '../../bot/ops/json-depth.ts';
import { messageEvent, nextTs, slashCommand } from '../../testkit/slack-events.ts';
import { FORM, startTestBot, type TestBot } from '../slack/harness.ts';

/**
 * Signed requests that Slack never sends, through the real Bolt receiver: each is refused
 * at once with a JSON answer and a log line, and the bot keeps answering real ones.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const errors = () => bot.logs.lines.filter((l) => l['level'] === 'error');

describe('signed requests Slack never sends', () => {
  it('refuses a timestamp more than 5 minutes in the future, as it refuses one 5 minutes old', async () => {
    const body = messageEvent({ eventId: 'EvFuture', type: 'app_mention', channel: 'C0FUT', ts: nextTs(), text: '<@UBOT> UserErrorSQLLSNValidationFailure' });
    const future = await bot.send(body, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.status).toBe(401);
    const past = await bot.send(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(past.status).toBe(401);
    const now = await bot.send(body);
    expect(now.status).toBe(200);
  });

  it('answers a slash command without its fields with a 400 at once, without an error in the logs', async () => {
    for (const body of ['command=%2Fsqlbackup', new URLSearchParams({ command: '/sqlbackup', text: 'help', team_id: 'T1' }).toString()]) {
      const res = await bot.send(body, { contentType: FORM });
      expect(res.status).toBe(400);
      expect(res.ms).toBeLessThan(2000);
    }
    expect(errors()).toEqual([]);
    expect((await bot.send(slashCommand({ text: 'help' }), { contentType: FORM })).status).toBe(200);
  });

  it('refuses a body nested 100,000 deep at once instead of waiting 3 s for a 404', async () => {
    const deep = `{"type":"event_callback","event":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const json = await bot.send(deep, { contentType: 'application/json' });
    expect(json.status).toBe(400);
    expect(json.ms).toBeLessThan(2000);
    const form = await bot.send(`payload=${encodeURIComponent('['.repeat(100_000) + ']'.repeat(100_000))}`, { contentType: FORM });
    expect(form.status).toBe(400);
    expect(form.ms).toBeLessThan(2000);
  });

  it('refuses a JSON body that is no Slack event, and a form that is no Slack request, at once', async () => {
    for (const [body, contentType] of [['{"hello":"world"}', 'application/json'], ['[1,2]', 'application/json'], ['text=hello', FORM]] as const) {
      const res = await bot.send(body, { contentType });
      expect(res.status).toBe(400);
      expect(res.ms).toBeLessThan(2000);
    }
  });
});

describe('nesting depth', () => {
  it('counts brackets outside strings only', () => {
    expect(nestedDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestedDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestedDeeperThan('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false);
  });
});
