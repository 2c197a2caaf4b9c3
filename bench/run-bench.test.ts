import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../testkit/run-script.ts';

const BENCH = fileURLToPath(new URL('./run-bench.ts', import.meta.url));

describe('npm run bench: options', () => {
  it('refuses a --runs that is not a whole number before measuring anything', () => {
    const run = runScript(BENCH, ['--runs', 'five']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--runs/);
  });
});
