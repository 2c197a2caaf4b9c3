import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { decodeAction } from '../../bot/cards/slack-action.ts';
import { blockKitViolations } from '../../bot/cards/slack-limits.ts';
import type { SlackCall } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { FORM, startTestBot, type TestBot } from './harness.ts';
import { blockActions, buttonsOf, slashCommand } from './payloads.ts';

/**
 * The Slack app end to end: signed requests into Bolt's real HTTP receiver, answers
 * recorded by a stand-in Web API and response_url server.
 */

const catalog = loadCatalog();
const LSN = 'UserErrorSQLLSNValidationFailure';
const lsn = catalog.get(LSN);
let bot: TestBot;
let n = 0;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const freshChannel = () => `C0E2E${++n}`;
const rendered = (call: { args: Record<string, unknown> } | { body: Record<string, unknown> }) =>
  JSON.stringify('args' in call ? [call.args['text'], call.args['blocks']] : [call.body['text'], call.body['blocks']]);
const postsIn = (channel: string) => bot.slack.posts((c) => c.args['channel'] === channel);

async function answerIn(channel: string, count = 1): Promise<SlackCall[]> {
  await bot.slack.waitFor(() => postsIn(channel).length >= count);
  return postsIn(channel);
}
const quiet = (ms = 600) => new Promise((r) => setTimeout(r, ms));

function paste(channel: string, text: string, o: { ts?: string; threadTs?: string; eventId?: string; type?: 'message' | 'app_mention'; channelType?: 'channel' | 'im' } = {}) {
  const ts = o.ts ?? nextTs();
  const body = messageEvent({ eventId: o.eventId ?? `Ev${++n}`, channel, ts, text, ...(o.threadTs ? { threadTs: o.threadTs } : {}), ...(o.type ? { type: o.type } : {}), ...(o.channelType ? { channelType: o.channelType } : {}) });
  return { ts, body };
}

/** Presses the first button on `blocks` whose decoded action satisfies `which`. */
function buttonOn(blocks: unknown, which: (kind: string, value: ReturnType<typeof decodeAction>) => boolean) {
  const b = buttonsOf(blocks).find((x) => which(decodeAction(x.value)?.kind ?? '', decodeAction(x.value)));
  expect(b, 'button on the card').toBeDefined();
  return b as { action_id: string; value: string };
}

describe('channel pastes', () => {
  it('answers a paste in a thread on it, with the card', async () => {
    const channel = freshChannel();
    const { ts, body } = paste(channel, `Backup job failed. Error: ${LSN}\nLog chain is broken.`);
    expect((await bot.send(body)).status).toBe(200);
    const [answer] = await answerIn(channel);
    expect(answer?.method).toBe('chat.postMessage');
    expect(answer?.args['thread_ts']).toBe(ts);
    expect(answer?.token).toBe('xoxb-1234-5678-slacktestsecrettoken');
    expect(rendered(answer as SlackCall)).toContain(lsn?.title);
    expect(String(answer?.args['text'])).toContain(LSN);
    const blocks = answer?.args['blocks'] as KnownBlock[];
    expect(blockKitViolations(blocks)).toEqual([]);
    expect(buttonsOf(blocks).map((b) => b.text)).toEqual(expect.arrayContaining(['Docs', 'Helpful', 'Not helpful']));
  });

  it('answers a paste with a file attached, and a thread reply also sent to the channel', async () => {
    const channel = freshChannel();
    const said = (text: string, extra: Record<string, unknown>) =>
      JSON.stringify({
        ...JSON.parse(messageEvent({ eventId: `Ev${++n}`, channel, text })),
        event: { type: 'message', channel, user: 'U0SCREENSHOT', ts: nextTs(), channel_type: 'channel', text, ...extra },
      });
    const ts = nextTs();
    await bot.send(said(`Backup failed again, screenshot attached. ${LSN}`, { ts, subtype: 'file_share', files: [{ id: 'F0SHOT', name: 'portal.png' }] }));
    const [card] = await answerIn(channel);
    expect(card?.args['thread_ts']).toBe(ts);
    expect(rendered(card as SlackCall)).toContain(lsn?.title);
    await bot.send(said('how do I fix it?', { subtype: 'thread_broadcast', thread_ts: ts }));
    const [, fix] = await answerIn(channel, 2);
    expect(fix?.args['thread_ts']).toBe(ts);
    expect(rendered(fix as SlackCall)).toContain('How to fix it');
  });

  it('says nothing to chatter, bot posts, edits and deletions', async () => {
    const channel = freshChannel();
    await bot.send(paste(channel, 'anyone up for lunch?').body);
    const event = (extra: Record<string, unknown>) =>
      JSON.stringify({ ...JSON.parse(paste(channel, LSN).body), event: { type: 'message', channel, ts: nextTs(), channel_type: 'channel', text: LSN, ...extra } });
    await bot.send(event({ user: 'UOTHERBOT', bot_id: 'B0OTHER', subtype: 'bot_message' }));
    await bot.send(event({ user: 'UBOT', bot_id: 'BBOT' }));
    await bot.send(event({ subtype: 'message_changed', message: { text: LSN, user: 'U0DBA' } }));
    await bot.send(event({ subtype: 'message_deleted' }));
    await bot.send(event({ subtype: 'channel_join', user: 'U0NEW' }));
    await quiet();
    expect(postsIn(channel)).toHaveLength(0);
  });

  it('answers a retried event once', async () => {
    const channel = freshChannel();
    const { body } = paste(channel, LSN);
    expect((await bot.send(body)).status).toBe(200);
    expect((await bot.send(body, { retryNum: 1 })).status).toBe(200);
    expect((await bot.send(body, { retryNum: 2 })).status).toBe(200);
    await answerIn(channel);
    await quiet();
    expect(postsIn(channel)).toHaveLength(1);
  });

  it('refuses a wrong signature and a stale timestamp with 401, and answers neither', async () => {
    const channel = freshChannel();
    const { body } = paste(channel, LSN);
    expect((await bot.send(body, { secret: 'ffffffffffffffffffffffffffffffff' })).status).toBe(401);
    expect((await bot.send(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    await quiet();
    expect(postsIn(channel)).toHaveLength(0);
  });

  it('still answers when the Web API says 429 with Retry-After', async () => {
    const channel = freshChannel();
    bot.slack.inject('chat.postMessage', { kind: 'status', status: 429, retryAfterSec: 1 });
    const started = Date.now();
    await bot.send(paste(channel, LSN).body);
    await answerIn(channel, 2);
    const calls = postsIn(channel);
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(bot.logs.raw.join('\n')).not.toContain('slacktestsecrettoken');
  });

  it('stays quiet after /sqlbackup watch off, and answers after watch on', async () => {
    const channel = freshChannel();
    const off = bot.hooks.url();
    await bot.send(slashCommand({ text: 'watch off', channel, responseUrl: off }), { contentType: FORM });
    expect(rendered((await bot.hooks.waitFor(off))[0] as never)).toMatch(/Stopped watching/);
    await bot.send(paste(channel, LSN).body);
    await quiet();
    expect(postsIn(channel)).toHaveLength(0);
    const on = bot.hooks.url();
    await bot.send(slashCommand({ text: 'watch on', channel, responseUrl: on }), { contentType: FORM });
    await bot.hooks.waitFor(on);
    await bot.send(paste(channel, LSN).body);
    await answerIn(channel);
  });
});

describe('mentions, DMs and threads', () => {
  it('answers a mention once, though Slack also sends it as a channel message', async () => {
    const channel = freshChannel();
    const ts = nextTs();
    await bot.send(paste(channel, `<@UBOT> what is ${LSN}?`, { ts, type: 'app_mention' }).body);
    await bot.send(paste(channel, `<@UBOT> what is ${LSN}?`, { ts }).body);
    const [answer] = await answerIn(channel);
    expect(answer?.args['thread_ts']).toBe(ts);
    await quiet();
    expect(postsIn(channel)).toHaveLength(1);
  });

  it('reads the text as the user typed it: Slack\'s &amp; &lt; &gt; are not shown escaped twice', async () => {
    const channel = freshChannel();
    // Slack escapes &, < and > in event text; "<foo> & bar" arrives like this.
    const text = '<@UBOT> what does &lt;foo&gt; &amp; bar mean for my backup';
    await bot.send(messageEvent({ eventId: `Ev${++n}`, channel, text, user: 'U0ENTITIES', type: 'app_mention' }));
    const [answer] = await answerIn(channel);
    const shown = rendered(answer as SlackCall);
    expect(shown).toContain('&lt;foo&gt; &amp; bar');
    expect(shown).not.toMatch(/&amp;(lt|gt|amp);/);
  });

  it('answers a DM in place, and its follow-up', async () => {
    const channel = 'D0E2EDM';
    await bot.send(paste(channel, LSN, { channelType: 'im' }).body);
    const [answer] = await answerIn(channel);
    expect(answer?.args['thread_ts']).toBeUndefined();
    await bot.send(paste(channel, 'why?', { channelType: 'im' }).body);
    const [, why] = await answerIn(channel, 2);
    for (const cause of lsn?.causes ?? []) expect(rendered(why as SlackCall)).toContain(cause.slice(0, 40));
  });

  it('answers a follow-up asked in a thread of the DM from the DM\'s entry', async () => {
    const channel = 'D0E2EDMTHREAD';
    // Another user: the suite's usual one is close to the per-user rate limit.
    const dm = (text: string, o: { ts?: string; threadTs?: string } = {}) =>
      messageEvent({ eventId: `Ev${++n}`, channel, text, user: 'U0DMTHREAD', channelType: 'im', ...o });
    const ts = nextTs();
    await bot.send(dm(LSN, { ts }));
    await answerIn(channel);
    await bot.send(dm('how do I fix it?', { threadTs: ts }));
    const [, fix] = await answerIn(channel, 2);
    expect(fix?.args['thread_ts']).toBe(ts);
    expect(rendered(fix as SlackCall)).toContain('How to fix it');
    for (const action of lsn?.actions ?? []) expect(rendered(fix as SlackCall)).toContain(action.text.slice(0, 30));
  });

  it('offers the entry\'s related entries on "that\'s not it" when the paste had no runner-up', async () => {
    const channel = freshChannel();
    const ts = nextTs();
    const say = (text: string, threadTs?: string) =>
      messageEvent({ eventId: `Ev${++n}`, channel, text, user: 'U0NOTIT', ts: threadTs ? nextTs() : ts, ...(threadTs ? { threadTs } : {}) });
    await bot.send(say(LSN));
    await answerIn(channel);
    await bot.send(say("that's not it", ts));
    const [, other] = await answerIn(channel, 2);
    expect(other?.args['thread_ts']).toBe(ts);
    const picks = buttonsOf(other?.args['blocks']).map((b) => decodeAction(b.value)).filter((a) => a?.kind === 'pick');
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) expect(lsn?.related).toContain((pick as { entryId: string }).entryId);
  });

  it('answers a question in the thread from the entry, and ignores thanks', async () => {
    const channel = freshChannel();
    const { ts } = paste(channel, LSN);
    await bot.send(messageEvent({ eventId: `Ev${++n}`, channel, ts, text: `${LSN}: Log chain is broken.` }));
    await answerIn(channel);
    await bot.send(paste(channel, 'will it fix itself?', { threadTs: ts }).body);
    const [, followUp] = await answerIn(channel, 2);
    expect(followUp?.args['thread_ts']).toBe(ts);
    const facet = lsn?.facets.find((f) => f.topic === 'auto-heal')?.answer ?? '??';
    expect(rendered(followUp as SlackCall)).toContain(facet.slice(0, 60));
    await bot.send(paste(channel, 'thanks!', { threadTs: ts }).body);
    await quiet();
    expect(postsIn(channel)).toHaveLength(2);
  });

  it('offers candidates when unsure, and a pick replaces the card with the entry', async () => {
    const channel = freshChannel();
    const ts = nextTs();
    await bot.send(paste(channel, '<@UBOT> backup failing', { ts, type: 'app_mention' }).body);
    const [ask] = await answerIn(channel);
    const pick = buttonOn(ask?.args['blocks'], (kind) => kind === 'pick');
    const chosen = (decodeAction(pick.value) as { entryId: string }).entryId;
    const url = bot.hooks.url();
    const message = { ts: '999.1', thread_ts: ts, blocks: ask?.args['blocks'] as KnownBlock[] };
    expect((await bot.send(blockActions({ message, actionId: pick.action_id, value: pick.value, responseUrl: url, channel }), { contentType: FORM })).status).toBe(200);
    const [replaced] = await bot.hooks.waitFor(url);
    expect(replaced?.body['replace_original']).toBe(true);
    expect(rendered(replaced as never)).toContain(catalog.get(chosen)?.title);
    // The thread now follows the picked entry.
    await bot.send(paste(channel, 'why does this happen?', { threadTs: ts }).body);
    const [, why] = await answerIn(channel, 2);
    expect(rendered(why as SlackCall)).toContain(chosen);
  });
});

describe('/sqlbackup', () => {
  it('acknowledges within 3 seconds and answers privately through response_url, with Share', async () => {
    const channel = freshChannel();
    const url = bot.hooks.url();
    const sent = await bot.send(slashCommand({ text: LSN, channel, responseUrl: url }), { contentType: FORM });
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3000);
    const [answer] = await bot.hooks.waitFor(url);
    expect(answer?.body['response_type']).toBe('ephemeral');
    expect(rendered(answer as never)).toContain(lsn?.title);
    expect(blockKitViolations(answer?.body['blocks'] as KnownBlock[])).toEqual([]);

    // Share in channel: posted visibly as the bot, and the private copy removed.
    const share = buttonOn(answer?.body['blocks'], (kind) => kind === 'share');
    const shareUrl = bot.hooks.url();
    await bot.send(blockActions({ message: null, actionId: share.action_id, value: share.value, responseUrl: shareUrl, channel, ephemeral: true }), { contentType: FORM });
    const [shared] = await answerIn(channel);
    expect(shared?.method).toBe('chat.postMessage');
    expect(shared?.args['thread_ts']).toBeUndefined();
    expect(rendered(shared as SlackCall)).toContain(lsn?.title);
    expect(buttonsOf(shared?.args['blocks']).some((b) => b.text === 'Share in channel')).toBe(false);
    const [removed] = await bot.hooks.waitFor(shareUrl);
    expect(removed?.body['delete_original']).toBe(true);
  });

  it('falls back to response_url when sharing into a channel the bot is not in', async () => {
    const channel = freshChannel();
    bot.slack.inject('chat.postMessage', { kind: 'slack-error', error: 'not_in_channel' });
    const url = bot.hooks.url();
    await bot.send(blockActions({ message: null, actionId: 'sqlbackup:share:9', value: JSON.stringify({ kind: 'share', entryIds: [LSN] }), responseUrl: url, channel, ephemeral: true }), { contentType: FORM });
    const hooks = await bot.hooks.waitFor(url, 2);
    expect(hooks[0]?.body['response_type']).toBe('in_channel');
    expect(rendered(hooks[0] as never)).toContain(lsn?.title);
  });

  it('shows help, the grouped list, search results, and an unknown code with the nearest entries', async () => {
    const ask = async (text: string) => {
      const url = bot.hooks.url();
      await bot.send(slashCommand({ text, responseUrl: url }), { contentType: FORM });
      const [hook] = await bot.hooks.waitFor(url);
      expect(blockKitViolations(hook?.body['blocks'] as KnownBlock[])).toEqual([]);
      return rendered(hook as never);
    };
    expect(await ask('')).toContain('/sqlbackup list');
    const list = await ask('list');
    for (const e of catalog.entries) expect(list).toContain(e.id);
    expect(list).toMatch(/Backup[\s\S]*Restore/);
    expect(await ask('search log chain broken')).toContain(LSN);
    expect(await ask('UserErrorBackupFailedSomethingNew')).toMatch(/don't know/);
  });
});

describe('feedback buttons', () => {
  async function cardIn(channel: string) {
    const { ts, body } = paste(channel, LSN);
    await bot.send(body);
    const [card] = await answerIn(channel);
    return { ts, blocks: card?.args['blocks'] as KnownBlock[] };
  }

  it('Helpful updates the card to say thanks and keeps the answer', async () => {
    const channel = freshChannel();
    const { ts, blocks } = await cardIn(channel);
    const helpful = buttonOn(blocks, (kind, a) => kind === 'feedback' && a?.kind === 'feedback' && a.helpful);
    const url = bot.hooks.url();
    await bot.send(blockActions({ message: { ts: '1.1', thread_ts: ts, blocks }, actionId: helpful.action_id, value: helpful.value, responseUrl: url, channel }), { contentType: FORM });
    const [update] = await bot.hooks.waitFor(url);
    expect(update?.body['replace_original']).toBe(true);
    expect(rendered(update as never)).toMatch(/Thanks/);
    expect(rendered(update as never)).toContain(lsn?.title);
    expect(buttonsOf(update?.body['blocks']).some((b) => b.text === 'Helpful')).toBe(false);
  });

  it('Not helpful thanks and offers other entries', async () => {
    const channel = freshChannel();
    const { ts, blocks } = await cardIn(channel);
    const notHelpful = buttonOn(blocks, (_kind, a) => a?.kind === 'feedback' && !a.helpful);
    const url = bot.hooks.url();
    await bot.send(blockActions({ message: { ts: '1.2', thread_ts: ts, blocks }, actionId: notHelpful.action_id, value: notHelpful.value, responseUrl: url, channel }), { contentType: FORM });
    const [update] = await bot.hooks.waitFor(url);
    expect(update?.body['replace_original']).toBe(true);
    expect(rendered(update as never)).toMatch(/Thanks for telling me/);
    expect(buttonsOf(update?.body['blocks']).some((b) => decodeAction(b.value)?.kind === 'pick')).toBe(true);
  });
});
