import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dump as stringify } from 'js-yaml';
import { CatalogError, loadCatalog, type Catalog, type Entry } from '../catalog/index.ts';
import { ARTICLE, FINGERPRINT, fingerprintOf, hashOf, readFingerprint, RUN, runHashes, words } from '../scripts/article-fingerprint.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const articleMissing = !existsSync(ARTICLE);
/** The article as hashes (scripts/article-fingerprint.ts): its text stays out of the repository. */
const article = readFingerprint();

/** Every code of the 09/19/2024 troubleshoot article; the issue requires one entry each. */
const REQUIRED_CODES = [
  'UserErrorSQLNoSysadminMembership',
  'UserErrorSQLPODoesNotSupportBackupType',
  'OperationCancelledBecauseConflictingOperationRunningUserError',
  'UserErrorFileManipulationIsNotAllowedDuringBackup',
  'UserErrorSQLPODoesNotExist',
  'UserErrorSQLLSNValidationFailure',
  'UserErrorOpeningSQLConnection',
  'UserErrorParentFullBackupMissing',
  'UserErrorBackupFailedAsTransactionLogIsFull',
  'UserErrorCannotRestoreExistingDBWithoutForceOverwrite',
  'UserErrorRestoreFailedDatabaseCannotBeOfflined',
  'WlExtGenericIOFaultUserError',
  'UserErrorCannotFindServerCertificateWithThumbprint',
  'UserErrorRestoreNotPossibleBecauseLogBackupContainsBulkLoggedChanges',
  'FabricSvcBackupPreferenceCheckFailedUserError',
  'VMNotInRunningStateUserError',
  'GuestAgentStatusUnavailableUserError',
  'AutoProtectionCancelledOrNotValid',
  'CloudDosAbsoluteLimitReached',
  'CloudDosAbsoluteLimitReachedWithRetry',
  'WorkloadExtensionNotReachable',
  'UserErrorVMInternetConnectivityIssue',
  'UserErrorOperationNotAllowedDatabaseMirroringEnabled',
  'UserErrorWindowsWLExtFailedToStartPluginService',
  'UserErrorWorkloadExtensionNotInstalled',
  'WorkloadExtensionNotPresent',
  'WorkloadExtensionDidntDequeueMsg',
];
const REQUIRED_TOPICS = [
  'backup-type-unsupported',
  'discovery-configure',
  'antivirus-exclusions',
  'faulty-instance-restore-target',
  'reregister-extension',
  'file-path-size-limit',
  'override-restore-path',
];

/**
 * The spec: every literal text Azure prints for these codes (facts §1a, all variants, plus the
 * 2024 article's contracted wording), byte for byte, because users paste them. `owner` is the
 * entry a paste of the text must resolve to when that is not `id` (a label shared by two codes).
 */
const LITERAL_MESSAGES: readonly { id: string; text: string; owner?: string }[] = [
  { id: 'UserErrorSQLNoSysadminMembership', text: 'Azure Backup service creates a service account “NT Service\\AzureWLBackupPluginSvc” for all operations and this account needs SQL sysadmin priviledge.' },
  { id: 'UserErrorSQLNoSysadminMembership', text: 'Please provide Sys Admin privileges to AzureWLBackupPluginSvc.' },
  { id: 'UserErrorSQLNoSysadminMembership', text: 'Azure Backup service creates a service account “NTService\\AzureWLBackupPluginSvc” for all operations and this account needs SQL sysadmin privilege.' },
  { id: 'backup-type-unsupported', text: "Current settings for this database don't support certain backup types present in the associated policy." },
  { id: 'backup-type-unsupported', text: 'Current settings for this database do not support certain type of backup types present in the associated policy.' },
  { id: 'UserErrorSQLPODoesNotSupportBackupType', text: 'This SQL database does not support the requested backup type.' },
  { id: 'UserErrorSQLPODoesNotSupportBackupType', text: 'This SQL database does not support the requested backup type' },
  { id: 'UserErrorSQLPODoesNotSupportBackupType', text: "This SQL database doesn't support the requested backup type." },
  { id: 'OperationCancelledBecauseConflictingOperationRunningUserError', text: 'Operation canceled as a conflicting operation was already running on the same database.' },
  { id: 'OperationCancelledBecauseConflictingOperationRunningUserError', text: 'Operation cancelled as a conflicting operation was already running on the same database.' },
  { id: 'OperationCancelledBecauseConflictingOperationRunningUserError', text: 'Conflicting operation in progress.' },
  { id: 'UserErrorFileManipulationIsNotAllowedDuringBackup', text: 'Backup, file manipulation operations (such as ALTER DATABASE ADD FILE) and encryption changes on a database must be serialized.' },
  { id: 'UserErrorFileManipulationIsNotAllowedDuringBackup', text: 'Backup file manipulation operations (such as ALTER DATABASE ADD FILE) and encryption changes on a database must be serialized.' },
  { id: 'UserErrorSQLPODoesNotExist', text: 'SQL database does not exist.' },
  { id: 'UserErrorSQLPODoesNotExist', text: "SQL database doesn't exist." },
  { id: 'UserErrorSQLLSNValidationFailure', text: 'Log chain is broken.' },
  { id: 'UserErrorOpeningSQLConnection', text: 'Azure Backup is not able to connect to the SQL instance.' },
  { id: 'UserErrorOpeningSQLConnection', text: 'Azure Backup service is not able to connect to the SQL instance' },
  { id: 'UserErrorOpeningSQLConnection', text: "Azure Backup isn't able to connect to the SQL instance." },
  { id: 'UserErrorParentFullBackupMissing', text: 'First full backup is missing for this data source.' },
  { id: 'UserErrorBackupFailedAsTransactionLogIsFull', text: 'Cannot take backup as transaction log for the data source is full.' },
  { id: 'UserErrorBackupFailedAsTransactionLogIsFull', text: 'Cannot take backup as transaction log for the datasource is full.' },
  { id: 'UserErrorBackupFailedAsTransactionLogIsFull', text: 'Cannot perform backup as transaction log for the data source is full' },
  { id: 'UserErrorBackupFailedAsTransactionLogIsFull', text: "Can't take backup as transaction log for the data source is full." },
  { id: 'UserErrorCannotRestoreExistingDBWithoutForceOverwrite', text: 'Database with same name already exists at the target location' },
  { id: 'UserErrorCannotRestoreExistingDBWithoutForceOverwrite', text: 'Database with same name already exists at the target location.' },
  { id: 'UserErrorRestoreFailedDatabaseCannotBeOfflined', text: 'Restore failed as the database could not be brought offline.' },
  { id: 'WlExtGenericIOFaultUserError', text: 'An input/output error occurred during the operation. Please check for the common IO errors on the virtual machine.' },
  { id: 'UserErrorCannotFindServerCertificateWithThumbprint', text: 'Cannot find the server certificate with thumbprint on the target.' },
  { id: 'UserErrorRestoreNotPossibleBecauseLogBackupContainsBulkLoggedChanges', text: 'The log backup used for recovery contains bulk-logged changes. It cannot be used to stop at an arbitrary point in time according to the SQL guidelines.' },
  { id: 'UserErrorRestoreNotPossibleBecauseLogBackupContainsBulkLoggedChanges', text: 'The log backup used for recovery contains bulk-logged changes. It cannot be used to stop at an arbitrary point in time as per the SQL guidelines.' },
  { id: 'FabricSvcBackupPreferenceCheckFailedUserError', text: 'Backup preference for SQL Always On Availability Group cannot be met as some nodes of the Availability Group are not registered.' },
  { id: 'VMNotInRunningStateUserError', text: 'SQL server VM is either shutdown and not accessible to Azure Backup service.' },
  { id: 'VMNotInRunningStateUserError', text: 'SQL server is either shutdown and not accessible to Azure Backup service.' },
  { id: 'GuestAgentStatusUnavailableUserError', text: 'Azure Backup service uses Azure VM guest agent for doing backup but guest agent is not available on the target server.' },
  { id: 'AutoProtectionCancelledOrNotValid', text: 'Auto-protection Intent was either removed or is no more valid.' },
  { id: 'CloudDosAbsoluteLimitReached', text: 'Operation is blocked as you have reached the limit on number of operations permitted in 24 hours.' },
  { id: 'CloudDosAbsoluteLimitReachedWithRetry', text: 'Operation is blocked as the vault has reached its maximum limit for such operations permitted in a span of 24 hours.' },
  { id: 'WorkloadExtensionNotReachable', text: 'AzureBackup workload extension operation failed.' },
  { id: 'WorkloadExtensionNotReachable', text: 'AzureBackup workload extension operation failed' },
  { id: 'UserErrorVMInternetConnectivityIssue', text: 'The VM is not able to contact Azure Backup service due to internet connectivity issues.' },
  { id: 'UserErrorVMInternetConnectivityIssue', text: 'VM is not able to contact Azure Backup service due to internet connectivity issues.' },
  { id: 'UserErrorOperationNotAllowedDatabaseMirroringEnabled', text: 'Backup of databases participating in a database mirroring session is not supported by AzureWorkloadBackup.' },
  { id: 'UserErrorWorkloadExtensionNotInstalled', text: 'Operation failed because Workload Backup extension was removed from the virtual machine.' },
  { id: 'WorkloadExtensionNotPresent', text: 'AzureBackup workload extension operation failed', owner: 'WorkloadExtensionNotReachable' },
];

/** SQL Server error numbers the troubleshoot article (or facts §3) ties to one code. */
const SQL_ERRORS: readonly [number, string][] = [
  [-1, 'UserErrorOpeningSQLConnection'],
  [2, 'UserErrorOpeningSQLConnection'],
  [53, 'UserErrorOpeningSQLConnection'],
  [18456, 'UserErrorOpeningSQLConnection'],
  [18452, 'UserErrorOpeningSQLConnection'],
  [9002, 'UserErrorBackupFailedAsTransactionLogIsFull'],
  [4341, 'UserErrorRestoreNotPossibleBecauseLogBackupContainsBulkLoggedChanges'],
  [33111, 'UserErrorCannotFindServerCertificateWithThumbprint'],
];

/** How a paste is compared: case, quotes, spacing and a final period do not tell texts apart. */
function pasteKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

// Loaded on first use rather than in a hook, so a broken built-in catalog fails these tests
// with the loader's message while the folder tests below still run.
let loaded: Catalog | undefined;
function builtIn(): Catalog {
  loaded ??= loadCatalog();
  return loaded;
}

function entry(id: string): Entry {
  const found = builtIn().get(id);
  if (!found) throw new Error(`no catalog entry "${id}"`);
  return found;
}

describe('built-in catalog', () => {
  it.each([...REQUIRED_CODES, ...REQUIRED_TOPICS])('has exactly one entry with id %s', (id) => {
    expect(builtIn().entries.filter((e) => e.id === id)).toHaveLength(1);
  });

  it('files codes as errors and sections without a code as warning or topic', () => {
    for (const id of REQUIRED_CODES) expect(entry(id).kind, id).toBe('error');
    expect(entry('backup-type-unsupported').kind).toBe('warning');
    for (const id of REQUIRED_TOPICS.filter((t) => t !== 'backup-type-unsupported')) {
      expect(entry(id).kind, id).toBe('topic');
    }
  });

  it.each(LITERAL_MESSAGES.map((m) => [m.id, m.text, m.owner ?? m.id] as const))(
    '%s carries the literal message %j, and a paste of it resolves to %s',
    (id, text, owner) => {
      expect(entry(id).messages.map((m) => m.text)).toContain(text);
      const claimants = builtIn().entries
        .filter((e) => e.messages.some((m) => m.match && m.text === text))
        .map((e) => e.id);
      expect(claimants).toEqual([owner]);
    },
  );

  it('never lets two entries match the same pasted text', () => {
    const owners = new Map<string, Set<string>>();
    for (const e of builtIn().entries) {
      for (const m of e.messages.filter((msg) => msg.match)) {
        const key = pasteKey(m.text);
        owners.set(key, (owners.get(key) ?? new Set()).add(e.id));
      }
    }
    const shared = [...owners].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key}: ${[...ids].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('has no literal message for codes Azure never documented a text for', () => {
    // Inventing a message here would make the bot claim pastes it has never seen.
    expect(entry('UserErrorWindowsWLExtFailedToStartPluginService').messages.filter((m) => m.match)).toEqual([]);
    expect(entry('WorkloadExtensionDidntDequeueMsg').messages).toEqual([]);
  });

  it.each(SQL_ERRORS)('maps SQL Server error %i to %s as a documented mapping', (number, id) => {
    const listed = entry(id).sqlErrors.filter((s) => s.number === number);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((s) => !s.inferred)).toBe(true);
    const others = builtIn().entries.filter((e) => e.id !== id && e.sqlErrors.some((s) => s.number === number && !s.inferred));
    expect(others.map((e) => e.id)).toEqual([]);
  });

  it('links every entry to a section of a Microsoft Learn page', () => {
    for (const e of builtIn().entries) {
      const url = new URL(e.docs.url);
      expect(url.hostname, e.id).toBe('learn.microsoft.com');
      expect(url.hash.length, `${e.id} ${e.docs.url}`).toBeGreaterThan(1);
    }
  });

  it('uses anchors that exist in the troubleshoot article', () => {
    const anchors = new Set(article.anchors);
    const broken = builtIn().entries
      .filter((e) => e.docs.url.includes('/backup-sql-server-azure-troubleshoot#'))
      .filter((e) => !anchors.has(hashOf(new URL(e.docs.url).hash.slice(1))))
      .map((e) => `${e.id}: ${e.docs.url}`);
    expect(broken).toEqual([]);
  });

  it.skipIf(articleMissing)(`has a fingerprint of the article that matches the article${articleMissing ? ` (skipped: ${ARTICLE} not found)` : ''}`, () => {
    // Regenerate with `npx tsx scripts/article-fingerprint.ts` when Microsoft updates the article.
    expect(fingerprintOf(readFileSync(ARTICLE, 'utf8'), path.basename(ARTICLE)), path.relative(repoRoot, FINGERPRINT)).toEqual(article);
  });

  it('points every related id at an entry that exists, and never at itself', () => {
    for (const e of builtIn().entries) {
      for (const id of e.related) {
        expect(builtIn().get(id), `${e.id} -> ${id}`).toBeDefined();
        expect(id, e.id).not.toBe(e.id);
      }
    }
  });
});

describe('explanations are in our own words', () => {
  const runs: ReadonlySet<string> = new Set(article.runs);

  /** The first run of RUN words of `text` that the article has too (as a hash), else null. */
  function copiedRun(text: string): string | null {
    const hashes = runHashes(text);
    const at = hashes.findIndex((h) => runs.has(h));
    return at < 0 ? null : words(text).slice(at, at + RUN).join(' ');
  }

  it(`no title, summary, cause, action or facet repeats ${RUN}+ words of the troubleshoot article`, () => {
    expect(article.run).toBe(RUN);
    // The detector must catch a verbatim sentence, or a pass below would mean nothing.
    expect(copiedRun('Unregistration of a SQL VM from the vault requires all the protected data sources to be stop protected')).not.toBeNull();

    // Literal messages are meant to be copied; a prose quoting one is not a paraphrase problem.
    const literals = builtIn().entries.flatMap((e) => e.messages.map((m) => m.text)).sort((a, b) => b.length - a.length);
    const withoutLiterals = (text: string): string => literals.reduce((t, lit) => t.split(lit).join(' | '), text);

    const copied: string[] = [];
    for (const e of builtIn().entries) {
      const prose: [string, string][] = [
        ['title', e.title],
        ['summary', e.summary],
        ...e.causes.map((c, i): [string, string] => [`causes.${i}`, c]),
        ...e.actions.map((a, i): [string, string] => [`actions.${i}.text`, a.text]),
        ...e.facets.map((f): [string, string] => [`facets.${f.topic}`, f.answer]),
      ];
      for (const [field, text] of prose) {
        const run = copiedRun(withoutLiterals(text));
        if (run) copied.push(`${e.id} ${field}: "${run}"`);
      }
    }
    for (const k of builtIn().knowledge) {
      for (const [field, text] of [['title', k.title], ['answer', k.answer]] as const) {
        const run = copiedRun(withoutLiterals(text));
        if (run) copied.push(`knowledge ${k.id} ${field}: "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });
});

describe('loading a catalog folder', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function folder(files: Record<string, string>): string {
    dir = mkdtempSync(path.join(tmpdir(), 'catalog-test-'));
    for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
    return dir;
  }

  function valid(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id,
      kind: 'topic',
      category: 'restore',
      title: 'A test entry',
      severity: 'info',
      summary: 'What this is about.',
      causes: ['One reason.'],
      actions: [{ text: 'Do this.', code: { lang: 'sql', body: 'SELECT 1;' } }],
      facets: [{ topic: 'retry', answer: 'Yes.' }],
      examples: ['first way to ask', 'second way to ask', 'third way to ask'],
      docs: { url: 'https://learn.microsoft.com/azure/backup/backup-sql-server-azure-troubleshoot#size-limit-for-files', title: 'Docs' },
      sources: ['troubleshoot-article'],
      ...extra,
    };
  }

  function without(field: string, entry: Record<string, unknown>): Record<string, unknown> {
    const copy = { ...entry };
    delete copy[field];
    return copy;
  }

  function loadError(from: string): CatalogError {
    try {
      loadCatalog(from);
    } catch (error) {
      if (error instanceof CatalogError) return error;
      throw error;
    }
    throw new Error('expected the load to fail');
  }

  it('loads good files', () => {
    const loaded = loadCatalog(folder({ 'good-entry.yaml': stringify(valid('good-entry')) }));
    expect(loaded.entries.map((e) => e.id)).toEqual(['good-entry']);
    expect(loaded.get('good-entry')?.messages).toEqual([]);
  });

  it.each([
    ['a missing required field', 'bad-entry.yaml', stringify(without('causes', valid('bad-entry'))), ['causes']],
    ['a severity outside the list', 'bad-entry.yaml', stringify(valid('bad-entry', { severity: 'critical' })), ['severity']],
    ['an unknown extra field', 'bad-entry.yaml', stringify(valid('bad-entry', { colour: 'red' })), ['colour']],
    ['an id that differs from the file name', 'bad-entry.yaml', stringify(valid('other-entry')), ['id', 'other-entry']],
    ['YAML that does not parse', 'bad-entry.yaml', 'id: bad-entry\ncauses: [unclosed\n', ['not valid YAML']],
    ['a facet topic given twice', 'bad-entry.yaml', stringify(valid('bad-entry', { facets: [{ topic: 'retry', answer: 'a' }, { topic: 'retry', answer: 'b' }] })), ['facets', 'retry']],
    ['a code block in an unknown language', 'bad-entry.yaml', stringify(valid('bad-entry', { actions: [{ text: 'x', code: { lang: 'perl', body: 'x' } }] })), ['actions.0.code.lang']],
    ['a docs link that is not a web page', 'bad-entry.yaml', stringify(valid('bad-entry', { docs: { url: 'javascript:alert(1)//#x', title: 'x' } })), ['docs.url']],
    ['a docs link without a section', 'bad-entry.yaml', stringify(valid('bad-entry', { docs: { url: 'https://learn.microsoft.com/azure/backup/', title: 'x' } })), ['docs.url']],
  ])('fails loudly on %s, naming the file and the field', (_case, name, body, mentions) => {
    const error = loadError(folder({ 'good-entry.yaml': stringify(valid('good-entry')), [name]: body }));
    expect(error.message).toContain(name);
    expect(error.message).not.toContain('good-entry.yaml');
    for (const mention of mentions) expect(error.message).toContain(mention);
  });

  it('fails the cross-check on a related id that does not exist, naming the entry and the id', () => {
    const error = loadError(
      folder({
        'good-entry.yaml': stringify(valid('good-entry')),
        'bad-entry.yaml': stringify(valid('bad-entry', { related: ['good-entry', 'no-such-entry'] })),
      }),
    );
    expect(error.message).toContain('bad-entry');
    expect(error.message).toContain('related');
    expect(error.message).toContain('"no-such-entry"');
    expect(error.message).not.toContain('"good-entry"');
  });

  it('ignores files that are not YAML, and reads .yml as well as .yaml', () => {
    const loaded = loadCatalog(
      folder({
        'good-entry.yaml': stringify(valid('good-entry')),
        'second-entry.yml': stringify(valid('second-entry')),
        'README.md': '# Notes\n: not yaml at all [',
        'third-entry.json': JSON.stringify(valid('third-entry')),
        'good-entry.yaml.bak': 'id: [broken',
        '.DS_Store': '\u0000\u0001',
      }),
    );
    expect(loaded.entries.map((e) => e.id).sort()).toEqual(['good-entry', 'second-entry']);
  });
});
