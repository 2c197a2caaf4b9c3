import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { botEnv, startBot, TEST_SIGNING_SECRET } from '../../testkit/bot-process.ts';
import { freePort } from '../../testkit/redis-server.ts';

/**
 * Redis configured but not there when the bot starts: refusing to start is right (replicas
 * without shared state would answer twice), and the operator must learn why and what to do.
 * Asking for memory-only must work with the same REDIS_URL still set.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('Redis unreachable at start', () => {
  it('exits 1 with a message naming the address, the cause and STORE=memory, and no password', async () => {
    const port = await freePort();
    const env = botEnv({ slackApiUrl: 'http://127.0.0.1:9/api/', redisUrl: `redis://:s3cretpass@127.0.0.1:${port}`, extra: { PORT: '0' } });
    const { code, stderr } = await run(env);
    expect(code).toBe(1);
    expect(stderr).toContain(`127.0.0.1:${port}`);
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(stderr).toContain('STORE=memory');
    expect(stderr).not.toContain('s3cretpass');
    expect(stderr).not.toContain(TEST_SIGNING_SECRET);
  }, 40_000);

  it('starts in memory mode when the operator asks for it, even with REDIS_URL set', async () => {
    const port = await freePort();
    const bot = await startBot('memory-only', botEnv({ slackApiUrl: 'http://127.0.0.1:9/api/', redisUrl: `redis://127.0.0.1:${port}`, extra: { STORE: 'memory' } }));
    try {
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      expect(bot.logs.some((l) => l['store'] === 'memory')).toBe(true);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
