import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitViolations } from '../../bot/cards/slack-limits.ts';
import type { SlackCall } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { startTestBot, type TestBot } from './harness.ts';

/**
 * The conversation after the first answer, through Bolt's real receiver: each turn in the
 * bot's thread is read for what it is, and the pasted details shape the answers.
 */

let bot: TestBot;
let n = 0;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const textOf = (call: SlackCall | undefined) => JSON.stringify([call?.args['text'], call?.args['blocks']]);

async function say(channel: string, text: string, threadTs?: string): Promise<string> {
  const ts = nextTs();
  await bot.send(messageEvent({ eventId: `EvThread${++n}`, channel, ts, text, ...(threadTs ? { threadTs } : {}) }));
  return ts;
}
async function nth(channel: string, count: number): Promise<SlackCall> {
  await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === channel).length >= count);
  return bot.slack.posts((c) => c.args['channel'] === channel)[count - 1]!;
}

describe('a thread with the bot', () => {
  it('uses the paste, answers scripting questions in their language with the database filled in, and takes a new code as a new problem', async () => {
    const channel = 'C0THREAD1';
    const paste = JSON.stringify({
      properties: {
        entityFriendlyName: 'MSSQLSERVER/Sales]DB [sqlvm-07]',
        operation: 'Backup (Log)',
        errorDetails: [{ errorCode: 0, errorTitle: 'UserErrorOperationNotAllowedDatabaseMirroringEnabled' }],
      },
    });
    const root = await say(channel, paste);
    const card = await nth(channel, 1);
    expect(card.args['thread_ts']).toBe(root);
    expect(textOf(card)).toContain('From your paste: Sales]DB · Log backup · MSSQLSERVER · sqlvm-07');
    expect(blockKitViolations(card.args['blocks'] as KnownBlock[])).toEqual([]);

    await say(channel, 't-sql?', root);
    const sql = await nth(channel, 2);
    expect(sql.args['thread_ts']).toBe(root);
    expect(textOf(sql)).toContain('_T-SQL_');
    expect(textOf(sql)).toContain('ALTER DATABASE [Sales]]DB] SET PARTNER OFF');
    expect(textOf(sql)).toContain('Filled in the commands from your paste: database = Sales]DB');

    await say(channel, 'how to reset my VPN password?', root);
    expect(textOf(await nth(channel, 3))).toContain('outside what I know');

    await say(channel, 'now it says UserErrorFooBarBazQux', root);
    expect(textOf(await nth(channel, 4))).toContain('UserErrorFooBarBazQux');
  });
});
