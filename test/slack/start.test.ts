import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `npm start` as an operator runs it, with a setting missing: it must stop and say which. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    // A developer's own .env must not fill the gap: run from a clean environment.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start', () => {
  it('stops with a message naming a missing setting', () => {
    const run = start({ SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN is not set/);
    expect(run.stdout).toBe('');
  });

  it('stops with a message naming a malformed setting, without echoing secrets', () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-1-2-supersecretvalue', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef', PORT: 'abc' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT must be a whole number/);
    expect(run.stderr).not.toContain('supersecretvalue');
  });
});
