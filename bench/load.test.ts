import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../testkit/run-script.ts';

const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));

// Refused before any bot process starts: a wrong option must not leave a run hanging.
describe('npm run load: options', () => {
  it('refuses --max-in-flight 0, which would wait for a free slot forever', () => {
    const { status, stderr } = runScript(LOAD, ['--max-in-flight', '0', '--only', 'memory', '--duration', '1']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--max-in-flight/);
  });

  it('refuses an --only that names no scenario instead of running both', () => {
    const { status, stderr } = runScript(LOAD, ['--only', 'memroy', '--duration', '1']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--only/);
  });
});
