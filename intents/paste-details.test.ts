import { describe, expect, it } from 'vitest';
import { pasteDetails } from './paste-details.ts';

describe('pasteDetails', () => {
  it('reads az backup job show JSON', () => {
    const paste = `{ "id": "/subscriptions/s/resourceGroups/rg-bkp/providers/Microsoft.RecoveryServices/vaults/SQLServer2012/backupJobs/c22eca5d-0c1c-48a0-a40d-69bef708d92a",
      "properties": { "entityFriendlyName": "MSSQLSERVER/master [sqlserver-0.contoso.com]", "operation": "Backup (Differential)", "startTime": "2018-05-28T11:43:21.6516182Z" } }`;
    expect(pasteDetails(paste)).toEqual({
      database: 'master',
      instance: 'MSSQLSERVER',
      server: 'sqlserver-0.contoso.com',
      vault: 'SQLServer2012',
      resourceGroup: 'rg-bkp',
      jobId: 'c22eca5d-0c1c-48a0-a40d-69bef708d92a',
      operation: 'Backup',
      backupType: 'Differential',
      time: '2018-05-28T11:43:21.6516182Z',
    });
  });

  it('reads PowerShell job details', () => {
    const paste = 'JobId                : c22eca5d-0c1c-48a0-a40d-69bef708d92a\nOperation            : Backup (Log)\nStatus               : Failed\nWorkloadName         : MSSQLSERVER/msDB [sqlvm-07]\n';
    expect(pasteDetails(paste)).toMatchObject({ database: 'msDB', instance: 'MSSQLSERVER', server: 'sqlvm-07', backupType: 'Log', jobId: 'c22eca5d-0c1c-48a0-a40d-69bef708d92a' });
  });

  it('reads an alert source id and a Log Analytics row', () => {
    const alert = 'SourceId: /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/sqlvm-09/providers/Microsoft.RecoveryServices/backupProtectedItem/SQLDataBase;MSSQLSERVER;SalesDB';
    expect(pasteDetails(alert)).toMatchObject({ database: 'SalesDB', instance: 'MSSQLSERVER', server: 'sqlvm-09', item: 'SQLDataBase;MSSQLSERVER;SalesDB' });
    expect(pasteDetails('JobOperation: Backup  JobOperationSubType: Log  JobFailureCode: UserErrorSQLLSNValidationFailure')).toMatchObject({ operation: 'Backup', backupType: 'Log' });
  });

  it('reads what DBAs type, and nothing from Azure\'s own sentences', () => {
    expect(pasteDetails('configure backup for Payroll on sqlvm-fin-01 fails')).toMatchObject({ database: 'Payroll', server: 'sqlvm-fin-01', operation: 'ConfigureBackup' });
    expect(pasteDetails("Msg 4214 BACKUP LOG cannot be performed because there is no current database backup. database 'Ledger'")).toMatchObject({ database: 'Ledger', backupType: 'Log' });
    expect(pasteDetails('Restore failed as the database could not be brought offline.').database).toBeUndefined();
    expect(pasteDetails('SQL database does not exist.').database).toBeUndefined();
  });

  it('refuses names with control characters or of absurd length', () => {
    expect(pasteDetails("database 'a\u0007b'").database).toBeUndefined();
    expect(pasteDetails(`database '${'x'.repeat(300)}'`).database).toBeUndefined();
  });
});
