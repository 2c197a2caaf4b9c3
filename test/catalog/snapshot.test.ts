import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { freePort } from '../../testkit/redis-server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_DIR, CatalogError, loadCatalog } from '../../catalog/index.ts';
import { type CatalogSnapshot } from '../../catalog/snapshot.ts';
import { writeSnapshot } from '../../catalog/write-snapshot.ts';

/**
 * The build writes a validated JSON copy of the built-in catalog (catalog/snapshot.ts) so that a
 * start skips YAML and zod. The YAML stays the source: the snapshot must give exactly what the
 * YAML gives, and an entry edited after the build must win over the snapshot.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LSN = 'UserErrorSQLLSNValidationFailure';

/** A copy of the built-in catalog (entries and knowledge) that a test may edit. */
function catalogCopy(): { entries: string; snapshot: string } {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
  cpSync(join(ROOT, 'catalog/entries'), join(dir, 'entries'), { recursive: true });
  cpSync(join(ROOT, 'catalog/knowledge'), join(dir, 'knowledge'), { recursive: true });
  return { entries: join(dir, 'entries'), snapshot: join(dir, 'snapshot.json') };
}

function editSnapshot(file: string, edit: (s: CatalogSnapshot) => void): void {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as CatalogSnapshot;
  edit(snapshot);
  writeFileSync(file, JSON.stringify(snapshot));
}

function retitle(yamlFile: string, title: string): void {
  const text = readFileSync(yamlFile, 'utf8');
  expect(text).toMatch(/^title: .+$/m);
  writeFileSync(yamlFile, text.replace(/^title: .+$/m, `title: ${title}`));
}

describe('catalog snapshot', () => {
  let copy: { entries: string; snapshot: string };
  beforeEach(() => {
    copy = catalogCopy();
    writeSnapshot(copy.snapshot, copy.entries);
  });

  it('gives the same entries and knowledge as reading and validating the YAML, for the built-in catalog', () => {
    const snapshot = join(mkdtempSync(join(tmpdir(), 'snapshot-')), 'snapshot.json');
    writeSnapshot(snapshot, BUILT_IN_DIR);
    const fromYaml = loadCatalog(BUILT_IN_DIR, [], { snapshot: null });
    const fromSnapshot = loadCatalog(BUILT_IN_DIR, [], { snapshot });
    expect(fromYaml.entries.length).toBeGreaterThan(50);
    // toStrictEqual: also no key that is present on one side and undefined on the other.
    expect(fromSnapshot.entries).toStrictEqual(fromYaml.entries);
    expect(fromSnapshot.knowledge).toStrictEqual(fromYaml.knowledge);
    expect(fromSnapshot.get(LSN)).toStrictEqual(fromYaml.get(LSN));
  });

  it('is what the loader reads while the YAML is unchanged, and is ignored once a YAML file is edited', () => {
    // A mark that only the snapshot carries shows which of the two the loader read.
    editSnapshot(copy.snapshot, (s) => {
      const lsn = s.entries.find((e) => e.entry.id === LSN)!;
      (lsn.entry as { title: string }).title = 'from the snapshot';
    });
    expect(loadCatalog(copy.entries, [], { snapshot: copy.snapshot }).get(LSN)?.title).toBe('from the snapshot');

    retitle(join(copy.entries, `${LSN}.yaml`), 'Edited after the build');
    expect(loadCatalog(copy.entries, [], { snapshot: copy.snapshot }).get(LSN)?.title).toBe('Edited after the build');
  });

  it('is ignored when a knowledge file changes, or a YAML file is added', () => {
    editSnapshot(copy.snapshot, (s) => {
      (s.knowledge[0] as { title: string }).title = 'from the snapshot';
    });
    const first = loadCatalog(copy.entries, [], { snapshot: copy.snapshot }).knowledge[0]!;
    expect(first.title).toBe('from the snapshot');
    const knowledgeFile = join(copy.entries, '..', 'knowledge', `${first.id}.yaml`);
    const original = readFileSync(knowledgeFile, 'utf8');
    writeFileSync(knowledgeFile, `${original}\n`);
    expect(loadCatalog(copy.entries, [], { snapshot: copy.snapshot }).knowledge[0]!.title).not.toBe('from the snapshot');
    writeFileSync(knowledgeFile, original);
    expect(loadCatalog(copy.entries, [], { snapshot: copy.snapshot }).knowledge[0]!.title).toBe('from the snapshot');
    writeFileSync(join(copy.entries, 'zz-empty.yaml'), '');
    expect(() => loadCatalog(copy.entries, [], { snapshot: copy.snapshot })).toThrow(/zz-empty\.yaml/);
  });

  it('does not hide an invalid YAML edit: the loader validates the YAML and names the file', () => {
    const file = join(copy.entries, `${LSN}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^severity: .+$/m, 'severity: catastrophic'));
    expect(() => loadCatalog(copy.entries, [], { snapshot: copy.snapshot })).toThrow(CatalogError);
    expect(() => loadCatalog(copy.entries, [], { snapshot: copy.snapshot })).toThrow(new RegExp(`${LSN}\\.yaml: severity`));
  });

  it('is not written for a catalog that does not validate', () => {
    const bad = catalogCopy();
    writeFileSync(join(bad.entries, `${LSN}.yaml`), 'id: UserErrorSQLLSNValidationFailure\n');
    expect(() => writeSnapshot(bad.snapshot, bad.entries)).toThrow(new RegExp(`${LSN}\\.yaml`));
    expect(existsSync(bad.snapshot)).toBe(false);
  });
});

/** bin/sqlbackup from a copy of the built package (dist/, catalog/, bin/), whose YAML a test may edit. */
function builtCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'built-'));
  for (const part of ['bin', 'dist', 'catalog/entries', 'catalog/knowledge', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function explain(root: string, text: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; modules: string[] } {
  const modules = join(mkdtempSync(join(tmpdir(), 'modules-')), 'loaded.txt');
  const run = spawnSync(process.execPath, ['--import', join(ROOT, 'testkit/loaded-modules.mjs'), join(root, 'dist/cli/main.js'), 'explain', text], {
    cwd: '/',
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', DOTENV_CONFIG_QUIET: 'true', LOADED_MODULES_FILE: modules, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, modules: existsSync(modules) ? readFileSync(modules, 'utf8').split('\n') : [] };
}

const schemaLibraries = (modules: readonly string[]) => modules.filter((m) => /\/node_modules\/(zod|js-yaml)\//.test(m));

describe('sqlbackup explain, compiled, with the build snapshot', () => {
  it('answers from the snapshot without loading zod or js-yaml, the same as from the YAML', () => {
    const root = builtCopy();
    const fast = explain(root, LSN);
    expect(fast.status).toBe(0);
    expect(fast.stdout).toContain('The log chain is broken');
    expect(fast.modules.some((m) => m.includes('/dist/cli/main.js'))).toBe(true);
    expect(schemaLibraries(fast.modules)).toEqual([]);
    // Without the snapshot: the same answer, read and validated from the YAML.
    cpSync(join(root, 'dist/catalog/snapshot.json'), join(root, 'snapshot.saved'));
    writeFileSync(join(root, 'dist/catalog/snapshot.json'), '');
    const slow = explain(root, LSN);
    expect(slow.stdout).toBe(fast.stdout);
    expect(schemaLibraries(slow.modules).length).toBeGreaterThan(0);
  }, 60_000);

  it('shows an entry edited after the build, and refuses an invalid edit naming the file', () => {
    const root = builtCopy();
    const file = join(root, `catalog/entries/${LSN}.yaml`);
    retitle(file, 'Edited after the build');
    const edited = explain(root, LSN);
    expect(edited.status).toBe(0);
    expect(edited.stdout).toContain('Edited after the build');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^severity: .+$/m, 'severity: catastrophic'));
    const invalid = explain(root, LSN);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(`${LSN}.yaml: severity`);
  }, 60_000);

  it('validates the operator folders of CATALOG_DIR with zod', () => {
    const root = builtCopy();
    const operator = mkdtempSync(join(tmpdir(), 'operator-'));
    writeFileSync(join(operator, `${LSN}.yaml`), `extends: ${LSN}\nrunbook: javascript:alert(1)\n`);
    const run = explain(root, LSN, { CATALOG_DIR: operator });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${LSN}.yaml: runbook`);
    expect(schemaLibraries(run.modules).length).toBeGreaterThan(0);
  }, 60_000);
});

/**
 * `npm start` from a built copy, without credentials (local Teams, no Slack): the ES modules it
 * resolved by its first /readyz 200, and the card it answers `text` with over /api/messages.
 */
async function askBot(root: string, text: string): Promise<{ modules: string[]; reply: string }> {
  const modules = join(mkdtempSync(join(tmpdir(), 'modules-')), 'loaded.txt');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'testkit/loaded-modules.mjs'), 'dist/bot/main.js'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', DOTENV_CONFIG_QUIET: 'true', PORT: String(port), STORE: 'memory', PLAYGROUND: 'off', LOG_LEVEL: 'warn', LOADED_MODULES_FILE: modules },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const until = Date.now() + 30_000;
    while (!(await fetch(`http://127.0.0.1:${String(port)}/readyz`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`the bot did not get ready (exit ${String(child.exitCode)})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const loaded = readFileSync(modules, 'utf8').split('\n');
    // expectReplies: the answer comes back in the response body instead of going to a connector.
    const activity = {
      type: 'message',
      id: 'a1',
      text,
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      from: { id: 'u1', name: 'DBA' },
      recipient: { id: 'bot' },
      conversation: { id: 'c1', conversationType: 'personal' },
    };
    const res = await fetch(`http://127.0.0.1:${String(port)}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    return { modules: loaded, reply: await res.text() };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('the compiled bot, started without credentials', () => {
  it('answers from the snapshot while the YAML is unchanged, and from the YAML once an entry is edited; Bolt is not loaded', async () => {
    const root = builtCopy();
    editSnapshot(join(root, 'dist/catalog/snapshot.json'), (s) => {
      const lsn = s.entries.find((e) => e.entry.id === LSN)!;
      (lsn.entry as { title: string }).title = 'Title from the snapshot';
    });
    const fast = await askBot(root, LSN);
    expect(fast.reply).toContain('Title from the snapshot');
    expect(fast.modules.some((m) => m.endsWith('/dist/catalog/open.js'))).toBe(true);
    expect(fast.modules.filter((m) => m.includes('/node_modules/@slack/bolt/'))).toEqual([]);
    retitle(join(root, `catalog/entries/${LSN}.yaml`), 'Title edited after the build');
    const slow = await askBot(root, LSN);
    expect(slow.reply).toContain('Title edited after the build');
    expect(slow.reply).not.toContain('Title from the snapshot');
  }, 90_000);
});
