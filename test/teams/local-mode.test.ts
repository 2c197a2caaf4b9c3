import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { message } from './activities.ts';
import { startFakeConnector, type FakeConnector } from './fake-connector.ts';
import { nodesOf } from './validate-card.ts';

/**
 * The embedded default, through the real start command: no credentials at all → the bot
 * listens on loopback, serves Teams unauthenticated, and starts the Agents Playground.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const QUIET = { LOG_LEVEL: 'info', DOTENV_CONFIG_QUIET: 'true', STORE: 'memory' };

let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.close();
});

describe('npm start with no credentials (local mode)', () => {
  it('answers Teams on loopback without a token (playground off)', async () => {
    const bot = await startBot('local', { ...QUIET, PLAYGROUND: 'off' });
    try {
      const activity = message('UserErrorSQLNoSysadminMembership', { serviceUrl: connector.serviceUrl });
      const res = await fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
      const reply = connector.calls.find((c) => c.activityId === activity.id);
      const card = (reply?.body.attachments as { content: unknown }[] | undefined)?.[0]?.content;
      expect(nodesOf(card).some((n) => n.text === 'UserErrorSQLNoSysadminMembership')).toBe(true);
    } finally {
      await bot.stop();
    }
  }, 60_000);

  it('starts the Agents Playground beside the bot, prints where to open it, and stops it on exit', async () => {
    let bot: BotProcess | null = await startBot('local-playground', QUIET);
    try {
      const deadline = Date.now() + 45_000;
      let url: string | undefined;
      while (!url && Date.now() < deadline) {
        url = bot.logs.map((l) => /Open (http:\/\/localhost:\d+) to talk to it/.exec(String(l.msg))?.[1]).find(Boolean);
        if (!url) await new Promise((r) => setTimeout(r, 200));
      }
      expect(url).toBeDefined();
      expect((await fetch(url!)).status).toBe(200);
      expect(await bot.stop()).toBe(0);
      bot = null;
      await expect(fetch(url!)).rejects.toThrow();
    } finally {
      await bot?.stop();
    }
  }, 90_000);

  it('refuses to serve Teams unauthenticated on a public interface, and says why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...QUIET, HOST: '0.0.0.0', PORT: '0', PLAYGROUND: 'off' },
      encoding: 'utf8',
      timeout: 45_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/MicrosoftAppId is not set, so \/api\/messages would accept unauthenticated requests/);
  }, 60_000);
});
