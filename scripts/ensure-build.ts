import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start`, `bin/sqlbackup` and the image run the compiled JavaScript in dist/, built by
 * `npm ci` (prepare). Tests and benches that start those must not meet a dist/ older than
 * the sources, so they call this first: it rebuilds only when a source is newer than the
 * last build, which costs a few milliseconds of stat() when nothing changed.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STAMP = join(ROOT, 'dist/.tsbuildinfo');
const SOURCES = ['bot', 'intents', 'catalog', 'cli'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return Math.max(newest, newestSource(path));
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

export function buildIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const newest = Math.max(...SOURCES.map((d) => newestSource(join(ROOT, d))), ...CONFIGS.map((f) => statSync(join(ROOT, f)).mtimeMs));
  return newest > built;
}

/** Runs `npm run build`'s compiler when dist/ is missing or older than a source; throws with its output if it fails. */
export function ensureBuild(): void {
  if (!buildIsStale()) return;
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the build (tsc -p tsconfig.build.json) failed:\n${run.stdout}${run.stderr}`);
  // tsc leaves its build info alone when no output changed (a touched file): mark the check done.
  const now = new Date();
  utimesSync(STAMP, now, now);
}
