import { describe, expect, it } from 'vitest';
import { protectedDatabaseFromId } from '../../bot/core/azure/protected-id.ts';

const ID =
  '/subscriptions/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/vault-prod/backupFabrics/Azure/protectionContainers/VMAppContainer;Compute;rg-sql;sqlvm01/protectedItems/SQLDataBase;MSSQLSERVER;SalesDB';

describe('protectedDatabaseFromId', () => {
  it('reads every id the ARM calls need from a protected SQL database id', () => {
    expect(protectedDatabaseFromId(ID)).toEqual({
      subscription: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
      resourceGroup: 'rg-backup',
      vault: 'vault-prod',
      container: 'VMAppContainer;Compute;rg-sql;sqlvm01',
      item: 'SQLDataBase;MSSQLSERVER;SalesDB',
      instance: 'MSSQLSERVER',
      database: 'SalesDB',
      vm: 'sqlvm01',
    });
  });

  it('takes the id in any case (as az and the REST samples print it), keeping the names as written', () => {
    const mixed = ID.replace('/subscriptions/', '/Subscriptions/').replace('Microsoft.RecoveryServices', 'microsoft.recoveryservices').replace('VMAppContainer;Compute', 'vmappcontainer;compute').replace('SQLDataBase', 'sqldatabase');
    expect(protectedDatabaseFromId(mixed)).toMatchObject({ vault: 'vault-prod', container: 'vmappcontainer;compute;rg-sql;sqlvm01', item: 'sqldatabase;MSSQLSERVER;SalesDB', database: 'SalesDB', vm: 'sqlvm01' });
  });

  it('takes a trailing slash, surrounding blanks, and semicolons percent-encoded as in a portal URL', () => {
    expect(protectedDatabaseFromId(`  ${ID}/\n`)?.database).toBe('SalesDB');
    expect(protectedDatabaseFromId(ID.replaceAll(';', '%3B'))?.item).toBe('SQLDataBase;MSSQLSERVER;SalesDB');
  });

  it('keeps a named instance and a database name with a semicolon', () => {
    expect(protectedDatabaseFromId(ID.replace('SQLDataBase;MSSQLSERVER;SalesDB', 'SQLDataBase;SQL2019;Sales;Archive'))).toMatchObject({ instance: 'SQL2019', database: 'Sales;Archive' });
  });

  it.each([
    ['a VM backup item', ID.replace(/protectionContainers\/.*$/, 'protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-sql;sqlvm01/protectedItems/VM;iaasvmcontainerv2;rg-sql;sqlvm01')],
    ['a SAP HANA database', ID.replace('SQLDataBase;MSSQLSERVER;SalesDB', 'SAPHanaDatabase;HXE;SYSTEMDB')],
    ['an availability group container', ID.replace('VMAppContainer;Compute;rg-sql;sqlvm01', 'SQLAGWorkLoadContainer;8f3c1a2b')],
    ['the vault alone', ID.replace(/\/backupFabrics.*$/, '')],
    ['a sub-resource of the item', `${ID}/recoveryPoints/123`],
    ['plain text', 'SalesDB on sqlvm01'],
    ['a broken escape', `${ID}%`],
  ])('is null for %s', (_what, id) => {
    expect(protectedDatabaseFromId(id)).toBeNull();
  });
});
