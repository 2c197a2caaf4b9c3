import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { startTestBot, type TestBot } from './harness.ts';

/**
 * A paste the rate limit refused was never shown, so it must not change what the thread is
 * about: the next question is answered for the entry the user actually saw.
 */

const catalog = loadCatalog();
const LSN = 'UserErrorSQLLSNValidationFailure';
const SYSADMIN = 'UserErrorSQLNoSysadminMembership';
const WINDOW_MS = 400;
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ perUser: { max: 1, windowMs: WINDOW_MS } });
});
afterAll(async () => {
  await bot?.stop();
});

describe('a refused answer in a thread', () => {
  it('leaves the thread about the entry that was answered', async () => {
    const channel = 'C0RATECTX';
    const root = nextTs();
    let n = 0;
    const say = (text: string, threadTs?: string) =>
      messageEvent({ eventId: `EvRate${++n}`, channel, text, ts: threadTs ? nextTs() : root, ...(threadTs ? { threadTs } : {}) });
    const posts = () => bot.slack.posts((c) => c.args['channel'] === channel);

    await bot.send(say(`${LSN}: Log chain is broken.`));
    await bot.slack.waitFor(() => posts().length === 1);
    await bot.send(say(`now it says ${SYSADMIN}`, root));
    // Refused: the one note, privately.
    await bot.slack.waitFor(() => posts().length === 2);
    expect(posts()[1]?.method).toBe('chat.postEphemeral');

    await new Promise((r) => setTimeout(r, WINDOW_MS + 100));
    await bot.send(say('how do I fix it?', root));
    await bot.slack.waitFor(() => posts().length === 3);
    const fix = JSON.stringify(posts()[2]?.args['blocks']);
    expect(fix).toContain(LSN);
    expect(fix).not.toContain(catalog.get(SYSADMIN)?.title ?? '??');
  });
});
