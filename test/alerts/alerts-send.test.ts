import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand } from '../slack/payloads.ts';
import { ALERT_TOKEN, startAlertBot, type AlertBot } from './harness.ts';

/** `npm run alerts:send -- <fixture>` against a running bot, as a team would try it before wiring Azure. */

function send(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/alerts-send.ts', ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOTENV_CONFIG_PATH: '/nonexistent', ...env },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('alerts:send', () => {
  let bot: AlertBot;
  beforeAll(async () => {
    bot = await startAlertBot();
    const hook = bot.hooks.url();
    await bot.slackSend(slashCommand({ text: 'alerts here', responseUrl: hook, channel: 'C0SEND' }));
    await bot.hooks.waitFor(hook);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('posts a fixture to the conversation that said alerts here; sent twice, it is a repeat on the same root', async () => {
    const url = `${bot.base}/alerts/azure-monitor`;
    const first = await send(['test/fixtures/alerts/backup-failure.json', '--url', url], { ALERT_WEBHOOK_TOKEN: ALERT_TOKEN });
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/^202 from http:\/\/127\.0\.0\.1:\d+\/alerts\/azure-monitor: \{"status":"accepted"\}/);
    expect(first.out).not.toContain(ALERT_TOKEN);
    expect((await send(['test/fixtures/alerts/backup-failure.json', '--url', url], { ALERT_WEBHOOK_TOKEN: ALERT_TOKEN })).code).toBe(0);
    await bot.settle();
    const posts = bot.slack.calls.filter((c) => c.args['channel'] === 'C0SEND' && c.method.startsWith('chat.'));
    expect(posts.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update']);
  }, 30_000);

  it('says what is missing without a token', async () => {
    const run = await send(['test/fixtures/alerts/backup-failure.json', '--url', `${bot.base}/alerts/azure-monitor`], {});
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/ALERT_WEBHOOK_TOKEN is not set/);
  }, 30_000);
});
