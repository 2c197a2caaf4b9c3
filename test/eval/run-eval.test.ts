import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN_EVAL = fileURLToPath(new URL('./run-eval.ts', import.meta.url));

describe('npm run eval: options', () => {
  it('refuses a --failures that is not a count, instead of listing "first NaN" and none', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', RUN_EVAL, '--failures', 'all'], {
      encoding: 'utf8',
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--failures/);
  });
});
