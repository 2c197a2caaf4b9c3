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
// The build's second step (catalog/snapshot.ts): it depends on the YAML, not only on the code.
const SNAPSHOT = join(ROOT, 'dist/catalog/snapshot.json');
const SNAPSHOT_SOURCES = ['catalog/entries', 'catalog/knowledge'];

function newestSource(dir: string, source = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts')): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return Math.max(newest, newestSource(path, source));
    return source(d.name) ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

/** The snapshot is missing or older than a YAML file (an entry edited since the build). */
function snapshotIsStale(): boolean {
  if (!existsSync(SNAPSHOT)) return true;
  const yaml = (name: string) => /\.ya?ml$/.test(name);
  return Math.max(...SNAPSHOT_SOURCES.map((d) => newestSource(join(ROOT, d), yaml))) > statSync(SNAPSHOT).mtimeMs;
}

export function buildIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const newest = Math.max(...SOURCES.map((d) => newestSource(join(ROOT, d))), ...CONFIGS.map((f) => statSync(join(ROOT, f)).mtimeMs));
  return newest > built;
}

/**
 * Runs `npm run build`'s steps that are out of date: the compiler when dist/ is missing or older
 * than a source, the catalog snapshot after it or when a YAML file is newer. Throws with the
 * output of a step that fails.
 */
export function ensureBuild(): void {
  const compile = buildIsStale();
  if (compile) {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the build (tsc -p tsconfig.build.json) failed:\n${run.stdout}${run.stderr}`);
    // tsc leaves its build info alone when no output changed (a touched file): mark the check done.
    const now = new Date();
    utimesSync(STAMP, now, now);
  }
  if (!compile && !snapshotIsStale()) return;
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/write-catalog-snapshot.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the build (scripts/write-catalog-snapshot.mjs) failed:\n${run.stdout}${run.stderr}`);
}
