import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What an operator runs: the compiled JavaScript (`npm start` is `node dist/bot/main.js`),
 * from an install without development dependencies, as the image has it.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BASE_ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOTENV_CONFIG_QUIET: 'true', STORE: 'memory' };

async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

/**
 * A directory that looks like `npm ci --omit=dev`: the build and the catalog, and
 * node_modules with every package the lockfile marks as development-only left out.
 * Links, not copies, with --preserve-symlinks so Node resolves from here, not from the repo.
 */
function productionTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sqlbackup-prod-'));
  for (const name of ['dist', 'catalog', 'package.json']) symlinkSync(join(ROOT, name), join(dir, name));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const devOnly = new Set(Object.entries(lock.packages).filter(([, p]) => p.dev === true).map(([path]) => path));
  mkdirSync(join(dir, 'node_modules'));
  const link = (relative: string): void => {
    if (devOnly.has(relative)) return;
    symlinkSync(join(ROOT, relative), join(dir, relative));
  };
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    if (!entry.startsWith('@')) {
      link(`node_modules/${entry}`);
      continue;
    }
    mkdirSync(join(dir, 'node_modules', entry));
    for (const scoped of readdirSync(join(ROOT, 'node_modules', entry))) link(`node_modules/${entry}/${scoped}`);
  }
  return dir;
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

describe('the compiled bot', () => {
  it('on a taken port, stops with one line naming the port and PORT, not a stack trace', async () => {
    const { port, server } = await holdPort();
    cleanups.push(() => server.close());
    const run = spawnSync(process.execPath, ['dist/bot/main.js'], {
      cwd: ROOT,
      env: { ...BASE_ENV, PORT: String(port), PLAYGROUND: 'off' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`sqlbackup-bot cannot start: port ${String(port)} on 127.0.0.1 is already in use: stop what holds it, or set PORT to a free port (e.g. PORT=${String(port + 1)} npm start)`]);
  }, 40_000);

  it('runs from an install without development dependencies, and says how to get the Playground it lacks', async () => {
    const dir = productionTree();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { port, server } = await holdPort();
    await new Promise((resolve) => server.close(resolve));
    const child = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', 'dist/bot/main.js'], {
      cwd: dir,
      env: { ...BASE_ENV, PORT: String(port), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await expect
        .poll(() => fetch(`http://127.0.0.1:${String(port)}/readyz`).then((r) => r.status, () => 0), { timeout: 30_000, interval: 100 })
        .toBe(200);
      await expect.poll(() => stdout, { timeout: 10_000 }).toMatch(/Agents Playground is not installed .*Run npm ci without --omit=dev to get it, or set PLAYGROUND=off/);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
