import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCatalog, BUILT_IN_DIR } from '../../catalog/index.ts';
import { MAX_ENTRY_FILE_BYTES } from '../../catalog/read-entry-files.ts';

/**
 * CATALOG_DIR points wherever an operator (or a careless deployment) says. Whatever is
 * there, the start must finish in bounded time, and the problems must name the file and
 * what is wrong with it, without repeating what the file contains.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const GOOD = `extends: UserErrorSQLLSNValidationFailure\nowner: DBA platform team\n`;
const SECRET = 'root:$y$j9T$s3cr3tHashValue:19000:0:99999:7:::';

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-hostile-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

/** The problems a check of `dir` reports, one string each. */
function problems(dir: string): string[] {
  return inspectCatalog(BUILT_IN_DIR, [dir]).errors.map((e) => e.message);
}

/** `npm run catalog:check` on the folder, as an operator runs it, with a deadline. */
function check(dir: string): { status: number | null; output: string; ms: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/catalog-check.ts', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env['PATH'] ?? '', DOTENV_CONFIG_QUIET: 'true' },
  });
  return { status: run.status, output: run.stdout + run.stderr, ms: performance.now() - started };
}

describe('what an operator folder may hold', () => {
  it('refuses a link to /dev/zero and a FIFO at once, naming each, and the check finishes', () => {
    const dir = folder({ 'UserErrorSQLLSNValidationFailure.yaml': GOOD });
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    expect(spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status).toBe(0);
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.output).toMatch(/zero\.yaml\n\s+is a link to outside its folder/);
    expect(run.output).toMatch(/pipe\.yaml\n\s+is not a regular file/);
  }, 30_000);

  it('does not follow a link out of the folder, and never prints what the target holds', () => {
    const outside = folder({ 'shadow': `${SECRET}\n` });
    const dir = folder({ 'UserErrorSQLLSNValidationFailure.yaml': GOOD });
    symlinkSync(join(outside, 'shadow'), join(dir, 'shadow.yaml'));
    const said = problems(dir).join('\n');
    expect(said).toMatch(/shadow\.yaml: is a link to outside its folder/);
    expect(said).not.toContain('s3cr3t');
  });

  it('reads a link that stays inside the folder', () => {
    const dir = folder();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'lsn.txt'), GOOD);
    symlinkSync(join(dir, 'shared', 'lsn.txt'), join(dir, 'UserErrorSQLLSNValidationFailure.yaml'));
    expect(problems(dir)).toEqual([]);
  });

  it('never echoes the lines of a file that is not an entry: not a secret file copied in, not the YAML around a syntax error', () => {
    const dir = folder({
      'UserErrorSQLLSNValidationFailure.yaml': GOOD,
      'copied.yaml': `${SECRET}\ndaemon:*:19000:0:99999:7:::\n`,
      'line.yaml': 'the s3cr3t password is hunter2\n',
      'keys.yaml': `${SECRET}: 1\nsumary: typo\n`,
      'broken.yaml': `id: broken\npassword: s3cr3tHashValue\n  causes: [unclosed\n`,
    });
    const said = problems(dir).join('\n');
    expect(said).not.toContain('s3cr3t');
    expect(said).toMatch(/copied\.yaml: \(root\): unknown fields 2 that are not a field name$/m);
    expect(said).toMatch(/line\.yaml: \(root\): must be a YAML mapping of entry fields .* not a single value$/m);
    expect(said).toMatch(/keys\.yaml: \(root\): unknown fields "sumary", 1 that is not a field name$/m);
    expect(said).toMatch(/broken\.yaml: not valid YAML: .* at line 3, column \d+/);
  });

  it('refuses a file over the size cap and an alias bomb, naming each', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const dir = folder({
      'UserErrorSQLLSNValidationFailure.yaml': GOOD,
      'huge.yaml': `id: huge\nsummary: "${'x'.repeat(MAX_ENTRY_FILE_BYTES)}"\n`,
      'bomb.yaml': `${bomb.join('\n')}\n`,
    });
    const started = performance.now();
    const said = problems(dir).join('\n');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(said).toMatch(/huge\.yaml: is larger than 256 KB/);
    expect(said).toMatch(/bomb\.yaml: expands to more than/);
  });

  it('fails a folder with no entry files (a typo in CATALOG_DIR, or CATALOG_DIR=/etc) and one that does not exist', () => {
    expect(problems(folder({ 'notes.txt': 'hello' }))).toEqual([expect.stringMatching(/no entry files \(\*\.yaml or \*\.yml\) in this folder/)]);
    expect(problems('/etc').join('\n')).toMatch(/^\/etc: no entry files/);
    expect(problems('/nonexistent/ops-catalog')).toEqual(['/nonexistent/ops-catalog: cannot read the folder (ENOENT)']);
  });
});
