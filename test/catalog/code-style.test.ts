import { describe, expect, it } from 'vitest';
import { loadCatalog, PLACEHOLDERS, type CodeBlock } from '../../catalog/index.ts';

/**
 * Rules for the commands the bot shows: one placeholder style (so the bot can fill pasted
 * values and a DBA recognises what to replace), quoting that keeps a filled value inert,
 * PowerShell lines short enough not to wrap mid-parameter in Teams, and the fix commands
 * the follow-up "T-SQL?" / "PowerShell?" questions must get.
 */
const catalog = loadCatalog();

interface Located {
  readonly where: string;
  readonly code: CodeBlock;
}

function allBlocks(): Located[] {
  const blocks: Located[] = [];
  for (const e of catalog.entries) {
    e.actions.forEach((a, i) => a.code && blocks.push({ where: `${e.id} actions.${i}`, code: a.code }));
    for (const f of e.facets) if (f.code) blocks.push({ where: `${e.id} facets.${f.topic}`, code: f.code });
  }
  for (const k of catalog.knowledge) k.code.forEach((c, i) => blocks.push({ where: `knowledge ${k.id} code.${i}`, code: c }));
  return blocks;
}

const KNOWN = new Set<string>(PLACEHOLDERS);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** How a listed placeholder must be quoted in each language for the bot to fill it safely. */
const QUOTED: Partial<Record<CodeBlock['lang'], readonly ((name: string) => string)[]>> = {
  sql: [(n) => `[<${n}>]`, (n) => `N'<${n}>'`, (n) => `'<${n}>'`],
  powershell: [(n) => `'<${n}>'`],
  bash: [(n) => `'<${n}>'`],
};

function placeholders(body: string): string[] {
  return [...body.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
}

describe('code blocks in the catalog', () => {
  it('name every placeholder from the list or in kebab-case, never YourDb-style', () => {
    const bad: string[] = [];
    for (const { where, code } of allBlocks()) {
      for (const name of placeholders(code.body)) if (!KNOWN.has(name) && !KEBAB.test(name)) bad.push(`${where}: <${name}>`);
      for (const legacy of ['YourDb', 'YourAG', '<db>', '"<vault>"']) if (code.body.includes(legacy)) bad.push(`${where}: ${legacy}`);
    }
    expect(bad).toEqual([]);
  });

  it('quote every listed placeholder so a pasted value can be filled in safely', () => {
    const bad: string[] = [];
    for (const { where, code } of allBlocks()) {
      const forms = QUOTED[code.lang];
      if (!forms) continue;
      for (const name of placeholders(code.body).filter((n) => KNOWN.has(n))) {
        const bare = code.body.split(`<${name}>`).length - 1;
        const quoted = forms.reduce((n, form) => n + code.body.split(form(name)).length - 1, 0);
        if (quoted < bare) bad.push(`${where}: <${name}> outside ${forms.map((f) => f(name)).join(' or ')}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keep PowerShell lines within 100 characters and define $vault in the block that uses it', () => {
    const bad: string[] = [];
    for (const { where, code } of allBlocks().filter((b) => b.code.lang === 'powershell')) {
      for (const line of code.body.split('\n')) if (line.length > 100) bad.push(`${where}: ${line.length} chars`);
      if (code.body.includes('$vault.ID') && !code.body.includes('$vault = Get-AzRecoveryServicesVault')) bad.push(`${where}: $vault not defined`);
    }
    expect(bad).toEqual([]);
  });

  it('label every general-knowledge command as a check or a fix', () => {
    const unlabelled = catalog.knowledge.flatMap((k) => k.code.filter((c) => !c.role).map(() => k.id));
    expect(unlabelled).toEqual([]);
  });

  it.each([
    ['UserErrorSQLNoSysadminMembership', 'sql', 'ALTER SERVER ROLE sysadmin ADD MEMBER [NT SERVICE\\AzureWLBackupPluginSvc]'],
    ['UserErrorCannotFindServerCertificateWithThumbprint', 'sql', 'CREATE CERTIFICATE'],
    ['UserErrorOperationNotAllowedDatabaseMirroringEnabled', 'sql', 'SET PARTNER OFF'],
    ['FabricSvcBackupPreferenceCheckFailedUserError', 'powershell', 'Register-AzRecoveryServicesBackupContainer'],
    ['UserErrorCannotTakeBackupBasedOnBackupPreference', 'powershell', 'Register-AzRecoveryServicesBackupContainer'],
    ['UserErrorOperationFailedAsDatasourceIsOpenedByAnotherUser', 'sql', 'SET SINGLE_USER WITH ROLLBACK IMMEDIATE'],
    ['UserErrorRestoreFailedDatabaseCannotBeOfflined', 'sql', 'SET SINGLE_USER WITH ROLLBACK IMMEDIATE'],
  ] as const)('%s has a %s fix block containing %s', (id, lang, command) => {
    const e = catalog.get(id);
    const fixes = [...(e?.actions ?? []).map((a) => a.code), ...(e?.facets ?? []).map((f) => f.code)]
      .filter((c): c is CodeBlock => c !== undefined && c.lang === lang && c.role === 'fix');
    expect(fixes.some((c) => c.body.includes(command))).toBe(true);
  });

  it('answers the certificate fix with the import after a thumbprint check', () => {
    const steps = catalog.get('UserErrorCannotFindServerCertificateWithThumbprint')?.actions ?? [];
    const check = steps.findIndex((a) => a.code?.role === 'check' && a.code.body.includes('thumbprint'));
    const fix = steps.findIndex((a) => a.code?.role === 'fix' && /CREATE CERTIFICATE[\s\S]*FROM FILE[\s\S]*WITH PRIVATE KEY/.test(a.code.body));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(fix).toBeGreaterThan(check);
  });

  it('gives the connectivity error its second cause, a GPO restricting TLS cipher suites, as a cause and a step', () => {
    const e = catalog.get('UserErrorVMInternetConnectivityIssue');
    expect(e?.causes.some((c) => /group policy/i.test(c) && /cipher suites/i.test(c))).toBe(true);
    expect(e?.actions.some((a) => /group policy/i.test(a.text) && /cipher suites/i.test(a.text))).toBe(true);
  });

  it('points the log-chain entries at an on-demand full backup and the general facts about them', () => {
    for (const id of ['UserErrorSQLLSNValidationFailure', 'UserErrorParentFullBackupMissing']) {
      const e = catalog.get(id);
      expect(e?.remedy, id).toBe('full-backup');
      expect(e?.see, id).toEqual(expect.arrayContaining(['on-demand-backup', 'system-databases']));
      // A linked item's commands are offered as this entry's fix: SET RECOVERY FULL does not mend a chain.
      expect(e?.see, id).not.toContain('recovery-models');
    }
    const onDemand = catalog.knowledge.find((k) => k.id === 'on-demand-backup');
    const body = (lang: string): string => onDemand?.code.filter((c) => c.lang === lang && c.role === 'fix').map((c) => c.body).join('\n') ?? '';
    expect(body('powershell')).toMatch(/Backup-AzRecoveryServicesBackupItem[\s\S]*-BackupType Full[\s\S]*-ExpiryDateTimeUTC/);
    expect(body('bash')).toMatch(/az backup protection backup-now[\s\S]*--backup-type Full[\s\S]*--retain-until/);
  });

  it('says on the log-chain entry that master only takes full backups', () => {
    const master = catalog.get('UserErrorSQLLSNValidationFailure')?.facets.find((f) => f.topic === 'master-database');
    expect(master?.answer).toMatch(/full backups/);
  });

  it("files SQL Server's own backup errors under a native-backup entry that warns about Azure's chain", () => {
    const e = catalog.get('native-sql-backup-failure');
    expect(e?.kind).toBe('topic');
    for (const n of [3201, 3013, 3041]) expect(e?.sqlErrors.find((s) => s.number === n)?.inferred, String(n)).toBe(false);
    expect(e?.actions.some((a) => /COPY_ONLY/.test(a.text) && a.code?.body.includes('COPY_ONLY'))).toBe(true);
    expect(e?.related).toEqual(expect.arrayContaining(['UserErrorSQLLSNValidationFailure', 'UserErrorOtherBackupProductCausingSQLLSNValidationFailure']));
  });
});
