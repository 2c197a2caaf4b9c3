import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../testkit/run-script.ts';

const RUN_EVAL = fileURLToPath(new URL('./run-eval.ts', import.meta.url));

describe('npm run eval: options', () => {
  it('refuses a --failures that is not a count, instead of listing "first NaN" and none', () => {
    const run = runScript(RUN_EVAL, ['--failures', 'all'], 60_000);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--failures/);
  });
});
