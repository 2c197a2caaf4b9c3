/**
 * Start-up as a user meets it, whole processes of the compiled JavaScript: `sqlbackup explain`
 * on one short code against a bare `node -e 0` (aim: within 5×), and the bot from spawn to
 * its first /readyz 200 (aim: under 1 s).
 */
import { spawn, spawnSync } from 'node:child_process';
import { freePort } from '../testkit/redis-server.ts';
import { fileURLToPath } from 'node:url';
import { median } from './measure.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUIET = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOTENV_CONFIG_QUIET: 'true' };

export interface ProcessStart {
  readonly runs: number;
  /** Median wall time of `node -e 0`. */
  readonly nodeMs: number;
  /** Median wall time of `bin/sqlbackup explain UserErrorSQLLSNValidationFailure`. */
  readonly explainMs: number;
  readonly explainRatio: number;
  /** Median time from spawning `node dist/bot/main.js` to its first /readyz 200. */
  readonly readyMs: number;
}

function wallMs(command: string, args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: ROOT, env: QUIET, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${String(run.status)}): ${run.stderr}`);
  return ms;
}

/** Spawn to the first 200 from /readyz, polling every 5 ms: the figure an orchestrator sees. */
async function readyMs(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/bot/main.js'], {
    cwd: ROOT,
    env: { ...QUIET, PORT: String(port), STORE: 'memory', PLAYGROUND: 'off', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${String(child.exitCode)} before it was ready`);
      const ok = await fetch(`http://127.0.0.1:${String(port)}/readyz`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('the bot was not ready within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function measureProcessStart(runs: number): Promise<ProcessStart> {
  const node: number[] = [];
  const explain: number[] = [];
  const ready: number[] = [];
  // Interleaved, so a machine getting busier weighs on both sides of the ratio alike.
  for (let i = 0; i < runs; i++) {
    node.push(wallMs(process.execPath, ['-e', '0']));
    explain.push(wallMs(`${ROOT}bin/sqlbackup`, ['explain', 'UserErrorSQLLSNValidationFailure']));
    ready.push(await readyMs());
  }
  const nodeMs = median(node);
  const explainMs = median(explain);
  return { runs, nodeMs, explainMs, explainRatio: explainMs / nodeMs, readyMs: median(ready) };
}
