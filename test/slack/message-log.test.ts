import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { FORM, startTestBot, type TestBot } from './harness.ts';
import { slashCommand } from './payloads.ts';

/**
 * The on-call trail: one JSON line at info per answered message, with what came in, what the
 * bot answered and why, how long it took and the request id, and never what the user wrote.
 */

const LSN = 'UserErrorSQLLSNValidationFailure';
const SECRETISH = 'the-password-is-hunter2-please-do-not-log';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const handled = () => bot.logs.lines.filter((l) => l['msg'] === 'handled');

describe('one log line per handled message', () => {
  it('logs an unasked answer in a watched channel with platform, kinds, entry, trigger, latency and request id, not the text', async () => {
    const watch = bot.hooks.url();
    await bot.send(slashCommand({ text: 'watch on', channel: 'C0LOG', responseUrl: watch }), { contentType: FORM });
    await bot.hooks.waitFor(watch);
    const before = handled().length;
    const body = messageEvent({ eventId: 'EvLog1', channel: 'C0LOG', ts: nextTs(), text: `${LSN}: Log chain is broken. ${SECRETISH}` });
    expect((await bot.send(body)).status).toBe(200);
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === 'C0LOG').length >= 1);
    await expect.poll(() => handled().length).toBe(before + 1);
    const line = handled().at(-1)!;
    expect(line).toMatchObject({ level: 'info', platform: 'slack', incoming: 'message', reply: 'entries', entries: [LSN], trigger: 'auto-detect', deliveryId: 'EvLog1' });
    expect(typeof line['latencyMs']).toBe('number');
    expect(line['reqId']).toEqual(expect.any(String));
    expect(bot.logs.raw.join('')).not.toContain(SECRETISH);
  });

  it('logs a slash command as a command, and chatter it ignores only at debug', async () => {
    const before = handled().length;
    await bot.send(slashCommand({ text: LSN, channel: 'C0LOG2', responseUrl: bot.hooks.url() }), { contentType: FORM });
    await expect.poll(() => handled().length).toBe(before + 1);
    expect(handled().at(-1)).toMatchObject({ incoming: 'command', reply: 'entries', entries: [LSN], trigger: 'command' });
    const chatter = messageEvent({ eventId: 'EvLog2', channel: 'C0LOG2', ts: nextTs(), text: 'lunch anyone?' });
    await bot.send(chatter);
    await expect.poll(() => bot.logs.lines.some((l) => l['msg'] === 'stayed quiet' && l['deliveryId'] === 'EvLog2')).toBe(true);
    expect(bot.logs.lines.find((l) => l['deliveryId'] === 'EvLog2')).toMatchObject({ level: 'debug' });
    expect(handled().length).toBe(before + 1);
  });
});
