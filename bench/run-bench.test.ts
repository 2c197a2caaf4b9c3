import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('./run-bench.ts', import.meta.url));

describe('npm run bench: options', () => {
  it('refuses a --runs that is not a whole number before measuring anything', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', BENCH, '--runs', 'five'], {
      encoding: 'utf8',
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
      timeout: 15_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--runs/);
  });
});
