import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The real executable, as a user runs it: through the shell script, from another folder.
const BIN = fileURLToPath(new URL('../bin/sqlbackup', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], stdin = '', env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { cwd: '/', env: { ...process.env, DOTENV_CONFIG_QUIET: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('sqlbackup classify --jsonl', () => {
  it('answers every good line in order, names the bad one on stderr, and fails at the end', async () => {
    const input = [
      JSON.stringify({ id: 'paste', text: 'Error Code : UserErrorSQLLSNValidationFailure', mode: 'channel' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'chat', text: 'anyone up for lunch?', mode: 'channel' }),
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'words', text: 'Database with same name already exists at the target location' }),
    ].join('\n');
    const { code, stdout, stderr } = await run(['classify', '--jsonl'], `${input}\n`);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; trigger: boolean; matches: { id: string; score: number }[] });
    expect(lines.map((l) => l.id)).toEqual(['paste', 'chat', 'words']);
    expect(lines[0]).toMatchObject({ trigger: true, matches: [{ id: 'UserErrorSQLLSNValidationFailure', score: 1 }] });
    expect(lines[1]?.trigger).toBe(false);
    expect(lines[2]?.matches[0]?.id).toBe('UserErrorCannotRestoreExistingDBWithoutForceOverwrite');
    for (const l of lines) {
      expect(l.matches.length).toBeLessThanOrEqual(5);
      for (const m of l.matches) expect(Object.keys(m).sort()).toEqual(['id', 'score']);
    }
    expect(stderr).toMatch(/line 2: not valid JSON/);
    expect(stderr).toMatch(/line 4: missing "text"/);
    expect(code).not.toBe(0);
  });

  it('takes --mode as the mode of lines that give none', async () => {
    const input = [
      JSON.stringify({ id: 'plain', text: 'ForceOverwrite' }),
      JSON.stringify({ id: 'asked', text: 'ForceOverwrite', mode: 'direct' }),
    ].join('\n');
    const { code, stdout } = await run(['classify', '--jsonl', '--mode', 'channel'], `${input}\n`);
    expect(code).toBe(0);
    const [plain, asked] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; trigger: boolean });
    expect(asked?.trigger).toBe(true);
    expect(plain?.trigger).toBe(false);
  });

  it('refuses a text argument, which it would ignore while it waits for stdin', async () => {
    const { code, stdout, stderr } = await run(['classify', '--jsonl', 'log chain is broken'], '');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--jsonl reads stdin/);
  });

  it('exits 0 when every line is good', async () => {
    const { code, stdout } = await run(['classify', '--jsonl'], '{"id":"x","text":"log chain is broken"}\n');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('sqlbackup in a pipe', () => {
  it('stops quietly when the reader goes away (| head -1), without a stack trace', async () => {
    const child = spawn(BIN, ['classify', '--jsonl'], { cwd: '/', env: { ...process.env, DOTENV_CONFIG_QUIET: '' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${JSON.stringify({ id: 'x', text: 'log chain is broken' })}\n`.repeat(20_000));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('sqlbackup explain', () => {
  it('shows the entry with its numbered actions and docs link for a code', async () => {
    const { code, stdout } = await run(['explain', 'UserErrorSQLLSNValidationFailure']);
    expect(code).toBe(0);
    expect(stdout).toContain('UserErrorSQLLSNValidationFailure');
    expect(stdout).toMatch(/^ {2}1\. /m);
    expect(stdout).toContain('https://learn.microsoft.com/azure/backup/backup-sql-server-azure-troubleshoot#usererrorsqllsnvalidationfailure');
  });

  it('reads the text from stdin and says nothing matches for chatter', async () => {
    const { code, stdout } = await run(['explain'], 'anyone up for lunch?');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Nothing in the catalog matches/);
  });

  it('answers the SQL code of a paste that also names an SAP HANA code, as the bot does', async () => {
    const { stdout } = await run(['explain', 'UserErrorHANAInternalRoleNotPresent, then UserErrorSQLLSNValidationFailure']);
    expect(stdout).toMatch(/^UserErrorSQLLSNValidationFailure \(/m);
    expect(stdout).not.toMatch(/this is an SAP HANA error/);
  });

  it("says how many errors a paste names, and shows each, as the bot's cards do", async () => {
    const codes = ['UserErrorSQLLSNValidationFailure', 'UserErrorParentFullBackupMissing', 'UserErrorSQLPODoesNotExist', 'UserErrorOpeningSQLConnection'];
    const { stdout } = await run(['explain', codes.join(' ')]);
    expect(stdout).toMatch(/names 4 errors: UserErrorSQLLSNValidationFailure, /);
    for (const code of codes) expect(stdout).toMatch(new RegExp(`^${code} \\(`, 'm'));
  });

  it('answers plain words with the entry when it leads clearly, and shows what it read from the paste', async () => {
    const { stdout } = await run(['explain', '{"entityFriendlyName": "MSSQLSERVER/master [sqlvm-01]", "operation": "Backup (Log)", "errorTitle": "UserErrorSQLPODoesNotSupportBackupType"}']);
    expect(stdout).toContain('From your paste: master · Log backup · MSSQLSERVER · sqlvm-01');
    expect(stdout).toMatch(/master takes full backups only, so this log backup of master will never run/);
  });

  it('says an unknown code is not in the catalog and offers nearest entries', async () => {
    const { stdout } = await run(['explain', 'UserErrorSQLSomethingNew']);
    expect(stdout).toMatch(/UserErrorSQLSomethingNew: not in the catalog/);
    expect(stdout).toMatch(/Nearest entries:\n {2}- \w+/);
  });
});

describe('sqlbackup with the team catalog', () => {
  it('reads the CATALOG_DIR folders, as the bot does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-catalog-'));
    writeFileSync(
      join(dir, 'UserErrorSQLLSNValidationFailure.yaml'),
      'extends: UserErrorSQLLSNValidationFailure\nrunbook: https://wiki.contoso.example/dba/log-chain#steps\nowner: DBA platform team\nescalation: "#dba-oncall"\n',
    );
    const { code, stdout } = await run(['explain', 'UserErrorSQLLSNValidationFailure'], '', { CATALOG_DIR: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Runbook: https://wiki.contoso.example/dba/log-chain#steps');
    // The card shows who owns the entry and whom to call; so does the terminal.
    expect(stdout).toContain('Owner: DBA platform team');
    expect(stdout).toContain('Escalation: #dba-oncall');
  });
});

describe('sqlbackup usage', () => {
  it('prints help on stdout', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sqlbackup/);
  });

  it('rejects an unknown subcommand with usage on stderr and exit code 2', async () => {
    const { code, stdout, stderr } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown command "frobnicate"[\s\S]*Usage:/);
  });
});
