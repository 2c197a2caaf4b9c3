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

  it('reads the database from how people report a failure in words', () => {
    const said: [string, string][] = [
      ['nightly log backups for InvoiceDB keep failing since the patch', 'InvoiceDB'],
      ['Differential backup of master on sqlvm-07 failed again', 'master'],
      ['seeing the same for msdb on that box', 'msdb'],
      ['Backup (Log) of CRM_Live failed with an error', 'CRM_Live'],
      ['azure full backup of ERP failed overnight', 'ERP'],
      ['since we restored over Finance2 the chain is broken', 'Finance2'],
      ['restore of Archive_2020 failed, disk full', 'Archive_2020'],
      ['UserErrorSQLLSNValidationFailure on HR_Stage log backup', 'HR_Stage'],
    ];
    for (const [text, database] of said) expect(pasteDetails(text).database, text).toBe(database);
  });

  it('takes no word of an ordinary sentence for a database name', () => {
    const sentences = [
      'how do I overwrite the existing db when restoring from azure backup',
      'backups fail since the standalone db moved into always on',
      'ALTER DATABASE ADD FILE ran during the backup',
      'Azure Backup identifies a database by its name: the instance and the database',
      'restore put the files on C, how do I pick the drive',
      'Backup of SQL database failed on the AG',
      'backups for all databases failing since noon',
      'The backup of the database failed because of an error',
    ];
    for (const text of sentences) expect(pasteDetails(text).database, text).toBeUndefined();
  });

  it('refuses names with control characters or of absurd length', () => {
    expect(pasteDetails("database 'a\u0007b'").database).toBeUndefined();
    expect(pasteDetails(`database '${'x'.repeat(300)}'`).database).toBeUndefined();
  });
});
