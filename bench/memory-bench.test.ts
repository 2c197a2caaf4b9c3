import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../testkit/run-script.ts';

const BENCH = fileURLToPath(new URL('./memory-bench.ts', import.meta.url));

describe('npm run bench:memory', () => {
  it('reports RSS after the messages, with the store held to its bound', () => {
    const run = runScript(BENCH, ['--messages', '3000', '--max-keys', '500', '--json'], 60_000);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    expect(result).toMatchObject({ messages: 3000, answered: 750, storeKeys: 500, aimMb: 300 });
    expect(result['rssMb']).toBeGreaterThan(0);
  }, 70_000);

  it('refuses a --messages that is not a count', () => {
    const run = runScript(BENCH, ['--messages', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--messages/);
  });
});
