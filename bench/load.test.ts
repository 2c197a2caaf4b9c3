import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));

// Refused before any bot process starts: a wrong option must not leave a run hanging.
function load(args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', LOAD, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    timeout: 15_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('npm run load: options', () => {
  it('refuses --max-in-flight 0, which would wait for a free slot forever', () => {
    const { status, stderr } = load(['--max-in-flight', '0', '--only', 'memory', '--duration', '1']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--max-in-flight/);
  });

  it('refuses an --only that names no scenario instead of running both', () => {
    const { status, stderr } = load(['--only', 'memroy', '--duration', '1']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--only/);
  });
});
