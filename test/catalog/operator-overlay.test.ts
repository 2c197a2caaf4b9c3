import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_DIR, CatalogError, loadCatalog } from '../../catalog/index.ts';

const repo = resolve(import.meta.dirname, '../..');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-operator-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const runbookOverlay = `extends: UserErrorSQLLSNValidationFailure
runbook: https://wiki.contoso.example/dba/log-chain#steps
owner: DBA platform team
escalation: "#dba-oncall, then the SQL on-call phone"
actions:
  - text: Tell the backup team which job broke the chain before the next full runs.
examples:
  - nightly ola hallengren job broke the azure chain
`;

const newEntry = `id: contoso-backup-window
kind: topic
category: backup
title: Backups outside the agreed window
severity: info
summary: Our own rule that Azure Backup fulls run only between 01:00 and 05:00.
causes: [A policy was edited without the change board.]
actions: [{ text: Put the policy back to the 01:00 schedule. }]
examples: [full backup ran at noon, backup during business hours, policy schedule changed]
docs: { url: "https://wiki.contoso.example/dba/windows#backup", title: Contoso backup windows }
sources: [operator]
`;

describe('operator catalog folders (CATALOG_DIR)', () => {
  it('adds the runbook, owner and escalation to a built-in entry without copying it', () => {
    const builtIn = loadCatalog().get('UserErrorSQLLSNValidationFailure');
    const merged = loadCatalog(BUILT_IN_DIR, [folder({ 'UserErrorSQLLSNValidationFailure.yaml': runbookOverlay })]).get(
      'UserErrorSQLLSNValidationFailure',
    );
    expect(builtIn?.runbook).toBeUndefined();
    expect(merged?.runbook).toBe('https://wiki.contoso.example/dba/log-chain#steps');
    expect(merged?.owner).toBe('DBA platform team');
    expect(merged?.escalation).toContain('#dba-oncall');
    // The built-in steps stay first and unchanged; the team's step comes after them.
    expect(merged?.actions.slice(0, builtIn?.actions.length)).toEqual(builtIn?.actions);
    expect(merged?.actions.at(-1)?.text).toMatch(/backup team/);
    expect(merged?.messages).toEqual(builtIn?.messages);
  });

  it('adds a whole new entry from the operator folder', () => {
    const catalog = loadCatalog(BUILT_IN_DIR, [folder({ 'contoso-backup-window.yaml': newEntry })]);
    expect(catalog.get('contoso-backup-window')?.title).toBe('Backups outside the agreed window');
    expect(catalog.entries.length).toBe(loadCatalog().entries.length + 1);
  });

  it('refuses an operator entry that redefines a built-in one and says to use extends', () => {
    const copy = newEntry
      .replace('id: contoso-backup-window', 'id: UserErrorSQLLSNValidationFailure')
      .replace('kind: topic', 'kind: error');
    const dir = folder({ 'UserErrorSQLLSNValidationFailure.yaml': copy });
    expect(() => loadCatalog(BUILT_IN_DIR, [dir])).toThrow(/UserErrorSQLLSNValidationFailure\.yaml.*already defined.*extends: UserErrorSQLLSNValidationFailure/s);
  });

  it('refuses an overlay that answers one follow-up topic twice, naming the file and the field', () => {
    const twice = `extends: UserErrorSQLLSNValidationFailure
facets:
  - { topic: retry, answer: "Yes, once the chain is fixed." }
  - { topic: retry, answer: Ask the DBA on call first. }
`;
    const dir = folder({ 'UserErrorSQLLSNValidationFailure.yaml': twice });
    expect(() => loadCatalog(BUILT_IN_DIR, [dir])).toThrow(/UserErrorSQLLSNValidationFailure\.yaml.*facets: facet topic "retry" appears twice/s);
  });

  it('names the file and the field of an overlay for an entry that does not exist', () => {
    const dir = folder({ 'UserErrorNoSuchThing.yaml': 'extends: UserErrorNoSuchThing\nowner: me\n' });
    try {
      loadCatalog(BUILT_IN_DIR, [dir]);
      expect.unreachable('the load should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as CatalogError).message).toContain(join(dir, 'UserErrorNoSuchThing.yaml'));
      expect((error as CatalogError).message).toContain('extends: no entry named "UserErrorNoSuchThing"');
    }
  });

  it('does not let an overlay change what Azure prints', () => {
    const dir = folder({
      'UserErrorSQLLSNValidationFailure.yaml': `${runbookOverlay}messages:\n  - text: something else\n    source: me\n`,
    });
    expect(() => loadCatalog(BUILT_IN_DIR, [dir])).toThrow(/messages/);
  });

  it('refuses a runbook that is not a web page, which no card can open', () => {
    const dir = folder({ 'UserErrorSQLLSNValidationFailure.yaml': runbookOverlay.replace('https://wiki.contoso.example/dba/log-chain#steps', '"javascript:alert(document.cookie)"') });
    expect(() => loadCatalog(BUILT_IN_DIR, [dir])).toThrow(/UserErrorSQLLSNValidationFailure\.yaml.*runbook/s);
  });

  it('names each bad file once, one problem a line, when several files are bad', () => {
    const dir = folder({ 'NoSuchOne.yaml': 'extends: NoSuchOne\nowner: me\n', 'NoSuchTwo.yaml': 'extends: NoSuchTwo\nowner: me\n' });
    const message = (() => {
      try {
        loadCatalog(BUILT_IN_DIR, [dir]);
      } catch (error) {
        return (error as Error).message;
      }
      return expect.unreachable('the load should fail');
    })();
    for (const name of ['NoSuchOne.yaml', 'NoSuchTwo.yaml']) expect(message.split(join(dir, name)).length - 1).toBe(1);
    expect(message.split('\n').filter((line) => line.includes('extends: no entry named'))).toHaveLength(2);
  });

  it('catalog:check names every bad file and field, and exits 1', async () => {
    const dir = folder({
      'contoso-backup-window.yaml': newEntry.replace('severity: info', 'severity: catastrophic'),
      'UserErrorSQLLSNValidationFailure.yaml': runbookOverlay.replace('runbook: https://', 'runbook: not-a-url '),
      'good.yaml.txt': 'ignored: true',
    });
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/catalog-check.ts', dir], {
      cwd: repo,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    const failure = (await run.then(
      () => expect.unreachable('catalog:check should fail'),
      (error: unknown) => error,
    )) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(join(dir, 'contoso-backup-window.yaml'));
    expect(failure.stderr).toMatch(/severity: /);
    expect(failure.stderr).toContain(join(dir, 'UserErrorSQLLSNValidationFailure.yaml'));
    expect(failure.stderr).toMatch(/runbook: /);
  });

  it('catalog:check refuses an option it does not know with usage and exit 2, not as a missing folder', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/catalog-check.ts', '--strict'], {
      cwd: repo,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    const failure = (await run.then(
      () => expect.unreachable('catalog:check should refuse --strict'),
      (error: unknown) => error,
    )) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(2);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toMatch(/unknown option --strict[\s\S]*usage: npm run catalog:check/);
  });

  it('catalog:check passes a good folder and counts its entries', async () => {
    const dir = folder({
      'contoso-backup-window.yaml': newEntry,
      'UserErrorSQLLSNValidationFailure.yaml': runbookOverlay,
    });
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/catalog-check.ts', dir], {
      cwd: repo,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    expect(stdout).toMatch(new RegExp(`✓ .*: ${loadCatalog().entries.length + 1} entries valid`));
  });
});
