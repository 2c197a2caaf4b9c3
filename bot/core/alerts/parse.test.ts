import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../catalog/index.ts';
import { createClassifier } from '../../../intents/index.ts';
import { alertCode } from './code.ts';
import { isAzureBackup, parseAlert, type AlertEvent } from './parse.ts';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/alerts/${name}.json`, import.meta.url), 'utf8'));

function parsed(name: string): AlertEvent {
  const result = parseAlert(fixture(name));
  if (!result.ok) throw new Error(result.detail);
  return result.alert;
}

describe('parseAlert', () => {
  it('reads database, instance, VM, vault, subscription and resource group from the ids of a backup failure', () => {
    const a = parsed('backup-failure');
    expect(a).toMatchObject({
      condition: 'Fired',
      severity: 'Sev1',
      rule: 'Backup Failure',
      sql: { instance: 'MSSQLSERVER', database: 'SalesDB' },
      vm: 'sqlvm-prod-01',
      vault: 'rsv-prod-weu',
      subscription: '5f2b7c1a-3d4e-4f60-8a9b-0c1d2e3f4a5b',
      resourceGroup: 'rg-backup',
    });
    expect(a.item).toMatch(/protecteditems\/sqldatabase;mssqlserver;salesdb$/);
    expect(a.recommended).toMatch(/Trigger a full backup first/);
  });

  it('maps each SQL fixture onto its catalog entry, case-insensitively, from the link, the origin id or the message', () => {
    const codes = ['backup-failure', 'restore-failure', 'unsupported-backup-type', 'workload-extension-unhealthy'].map((n) => alertCode(parsed(n), catalog, classifier).entryId);
    expect(codes).toEqual(['UserErrorParentFullBackupMissing', 'UserErrorCannotRestoreExistingDBWithoutForceOverwrite', 'UserErrorSQLPODoesNotSupportBackupType', 'UserErrorWorkloadExtensionNotInstalled']);
    // Without the link, the origin id's suffix (prefix, code, backup type) still names it.
    const noLink = { ...parsed('backup-failure'), recommended: null };
    expect(alertCode(noLink, catalog, classifier).entryId).toBe('UserErrorParentFullBackupMissing');
  });

  it('keeps the code of an alert the catalog does not know', () => {
    expect(alertCode(parsed('unknown-code'), catalog, classifier)).toEqual({ entryId: null, code: 'usererrorsnapshotmetadataunreadable' });
  });

  it('tells SQL alerts from VM backup alerts and other services', () => {
    expect(parsed('azure-vm-backup').sql).toBeNull();
    expect(isAzureBackup(parsed('azure-vm-backup'))).toBe(true);
    expect(isAzureBackup(parsed('other-service'))).toBe(false);
    expect(parsed('resolved').condition).toBe('Resolved');
  });

  it('refuses the older schema, naming useCommonAlertSchema, and a common-schema body without an alert id', () => {
    const older = parseAlert({ schemaId: 'AzureMonitorMetricAlert', data: {} });
    expect(older).toMatchObject({ ok: false, reason: 'not-common-schema' });
    expect(older.ok ? '' : older.detail).toMatch(/useCommonAlertSchema/);
    expect(parseAlert({ schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: {} } })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
