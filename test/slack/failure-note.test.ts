import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../bot/cards/slack-action.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import type { Store } from '../../bot/store/store.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { FORM, startTestBot, type TestBot } from './harness.ts';
import { blockActions } from './payloads.ts';

/**
 * When answering fails on the bot's side (here: a store that throws on reads, as a bug
 * would), someone who asked the bot directly is told so; an unasked paste stays quiet.
 */

const broken: Store = { ...createMemoryStore(), get: () => Promise.reject(new TypeError('store bug')) };
let bot: TestBot;
let n = 0;

beforeAll(async () => {
  bot = await startTestBot({}, broken);
});
afterAll(async () => {
  await bot?.stop();
});

const quiet = (ms = 600) => new Promise((r) => setTimeout(r, ms));
const postsIn = (channel: string) => bot.slack.posts((c) => c.args['channel'] === channel);

describe('a failure while answering', () => {
  it('tells the user who mentioned the bot, in the thread, without the error itself', async () => {
    const channel = 'C0FAILMENTION';
    const ts = nextTs();
    await bot.send(messageEvent({ eventId: `EvFail${++n}`, channel, ts, text: '<@UBOT> UserErrorSQLLSNValidationFailure', type: 'app_mention' }));
    await bot.slack.waitFor(() => postsIn(channel).length > 0, 5000);
    const [sorry] = postsIn(channel);
    expect(sorry?.args['thread_ts']).toBe(ts);
    expect(String(sorry?.args['text'])).toMatch(/went wrong on my side/);
    expect(JSON.stringify(sorry?.args)).not.toContain('store bug');
  });

  it('tells the user in a DM', async () => {
    const channel = 'D0FAILDM';
    await bot.send(messageEvent({ eventId: `EvFail${++n}`, channel, text: 'UserErrorSQLLSNValidationFailure', channelType: 'im' }));
    await bot.slack.waitFor(() => postsIn(channel).length > 0, 5000);
    expect(String(postsIn(channel)[0]?.args['text'])).toMatch(/went wrong on my side/);
  });

  it('tells the user who pressed a button, privately, without touching the card', async () => {
    const url = bot.hooks.url();
    const value = encodeAction({ kind: 'pick', entryId: 'UserErrorSQLLSNValidationFailure' });
    await bot.send(blockActions({ message: { ts: nextTs(), blocks: [] }, actionId: 'sqlbackup:pick:0', value, responseUrl: url, channel: 'C0FAILBUTTON' }), { contentType: FORM });
    const [sorry] = await bot.hooks.waitFor(url);
    expect(sorry?.body['response_type']).toBe('ephemeral');
    expect(sorry?.body['replace_original']).toBe(false);
    expect(String(sorry?.body['text'])).toMatch(/went wrong on my side/);
  });

  it('stays quiet about an unasked paste in a channel', async () => {
    const channel = 'C0FAILPASTE';
    await bot.send(messageEvent({ eventId: `EvFail${++n}`, channel, text: 'UserErrorSQLLSNValidationFailure' }));
    await quiet();
    expect(postsIn(channel)).toHaveLength(0);
  });
});
