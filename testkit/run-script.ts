import { spawnSync } from 'node:child_process';

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a TypeScript entry point (an npm script's target) as its own process, quiet dotenv. */
export function runScript(path: string, args: readonly string[], timeoutMs = 15_000): ScriptRun {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    timeout: timeoutMs,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
