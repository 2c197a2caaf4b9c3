import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../bot/cards/slack-action.ts';
import { blockKitViolations } from '../../bot/cards/slack-limits.ts';
import { EXPLAIN_SHORTCUT } from '../../bot/slack/listeners/shortcut.ts';
import { nextTs } from '../../testkit/slack-events.ts';
import { FORM, startTestBot, type TestBot } from './harness.ts';
import { blockActions, buttonsOf, messageShortcut } from './payloads.ts';

/**
 * "Explain this error" on someone else's message: signed message_action payloads into Bolt's
 * receiver, the private answer caught at a response_url stand-in, Share at the Web API stand-in.
 */

const LSN = 'UserErrorSQLLSNValidationFailure';
let bot: TestBot;
let n = 0;
const freshChannel = () => `C0SHORT${++n}`;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

async function explain(channel: string, message: { ts: string; thread_ts?: string; text: string }) {
  const url = bot.hooks.url();
  const sent = await bot.send(messageShortcut({ callbackId: EXPLAIN_SHORTCUT, message, responseUrl: url, channel }), { contentType: FORM });
  const [answer] = await bot.hooks.waitFor(url);
  return { sent, answer: answer! };
}

function shareButton(blocks: unknown) {
  const share = buttonsOf(blocks).find((b) => decodeAction(b.value)?.kind === 'share');
  expect(share, 'Share button on the private answer').toBeDefined();
  return share!;
}

describe('message shortcut "Explain this error"', () => {
  it('acknowledges at once and answers only the asker, with Share in thread', async () => {
    const channel = freshChannel();
    const { sent, answer } = await explain(channel, { ts: nextTs(), text: `Backup failed on SQLVM01: ${LSN} (log chain broken)` });
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3000);
    expect(answer.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(answer.body['blocks'])).toContain(LSN);
    expect(blockKitViolations(answer.body['blocks'] as KnownBlock[])).toEqual([]);
    expect(shareButton(answer.body['blocks']).text).toBe('Share in thread');
    // Nothing visible was posted: the bot may not even be in this channel.
    expect(bot.slack.posts((c) => c.args['channel'] === channel)).toEqual([]);
  });

  it('Share posts the card in the thread of the message asked about, and removes the private copy', async () => {
    const channel = freshChannel();
    const root = nextTs();
    const { answer } = await explain(channel, { ts: nextTs(), thread_ts: root, text: `${LSN}: the log chain is broken` });
    const share = shareButton(answer.body['blocks']);
    const shareUrl = bot.hooks.url();
    await bot.send(blockActions({ message: null, actionId: share.action_id, value: share.value!, responseUrl: shareUrl, channel, ephemeral: true }), { contentType: FORM });
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === channel).length > 0);
    const [shared] = bot.slack.posts((c) => c.args['channel'] === channel);
    expect(shared?.method).toBe('chat.postMessage');
    expect(shared?.args['thread_ts']).toBe(root);
    expect(JSON.stringify(shared?.args['blocks'])).toContain(LSN);
    expect(buttonsOf(shared?.args['blocks']).some((b) => b.text.startsWith('Share'))).toBe(false);
    const [removed] = await bot.hooks.waitFor(shareUrl);
    expect(removed?.body['delete_original']).toBe(true);
  });

  it('answers by DM, without Share, when the response_url cannot be reached', async () => {
    const channel = freshChannel();
    const user = 'U0DMFALLBACK';
    // Port 9 on loopback: nothing listens, the connection is refused.
    const deadUrl = 'http://127.0.0.1:9/hooks/expired';
    await bot.send(messageShortcut({ callbackId: EXPLAIN_SHORTCUT, message: { ts: nextTs(), text: `${LSN} on SQLVM02` }, responseUrl: deadUrl, channel, user }), { contentType: FORM });
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === user).length > 0);
    const [dm] = bot.slack.posts((c) => c.args['channel'] === user);
    expect(dm?.method).toBe('chat.postMessage');
    const blocks = typeof dm?.args['blocks'] === 'string' ? (JSON.parse(dm.args['blocks']) as unknown) : dm?.args['blocks'];
    expect(JSON.stringify(blocks)).toContain(LSN);
    expect(buttonsOf(blocks).some((b) => b.text.startsWith('Share'))).toBe(false);
    expect(bot.slack.posts((c) => c.args['channel'] === channel)).toEqual([]);
  });

  it('Share in thread in a channel the bot is not in falls back to response_url, still naming the thread', async () => {
    const channel = freshChannel();
    const root = nextTs();
    bot.slack.inject('chat.postMessage', { kind: 'slack-error', error: 'not_in_channel' });
    const url = bot.hooks.url();
    const value = JSON.stringify({ kind: 'share', entryIds: [LSN], thread: root });
    await bot.send(blockActions({ message: null, actionId: 'sqlbackup:share:0', value, responseUrl: url, channel, ephemeral: true }), { contentType: FORM });
    const hooks = await bot.hooks.waitFor(url, 2);
    expect(hooks[0]?.body).toMatchObject({ response_type: 'in_channel', thread_ts: root });
    expect(JSON.stringify(hooks[0]?.body['blocks'])).toContain(LSN);
  });

  it('reads a message that starts with a command word as a question, not a command', async () => {
    const channel = freshChannel();
    const { answer } = await explain(channel, { ts: nextTs(), text: 'watch off' });
    expect(answer.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(answer.body)).not.toContain('Stopped watching');
  });
});
