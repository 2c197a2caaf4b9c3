import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtectedDatabase } from '../../bot/core/azure/port.ts';
import { protectedDatabaseFromId } from '../../bot/core/azure/protected-id.ts';
import { BACKUP_API, FakeArm, type FakeDatabase } from '../../testkit/fake-arm.ts';
import { startEdge, type Edge } from './support/edge.ts';

/** On-demand full backup, finding a database by vault and name, and alert state, against the stand-in ARM. */
describe('Azure edge: acting', () => {
  const arm = new FakeArm();
  let edge: Edge;
  let fake: FakeDatabase;
  let sales: ProtectedDatabase;

  beforeAll(async () => {
    await arm.start();
    fake = arm.addDatabase({ vault: 'Vault-Prod', resourceGroup: 'RG-Backup', vm: 'sqlvm01', vmResourceGroup: 'rg-sql', instance: 'MSSQLSERVER', database: 'SalesDB' });
    arm.addDatabase({ vault: 'Vault-Prod', resourceGroup: 'RG-Backup', vm: 'sqlvm01', database: 'HR' });
    arm.addDatabase({ vault: 'vault-test', resourceGroup: 'rg-test', vm: 'sqlvm09', database: 'SalesDB' });
    sales = protectedDatabaseFromId(fake.id)!;
    edge = startEdge(arm.env());
  }, 30_000);

  afterAll(async () => {
    await edge?.stop();
    await arm.stop();
  });

  it('starts a full backup kept until the date given, follows the operation (honouring Retry-After) and returns the job id', async () => {
    arm.scriptBackup(fake, { jobId: 'c22eca5d-0c1c-48a0-a40d-69bef708d92a', inProgressPolls: 1, retryAfter: 1 });
    const keepUntil = new Date('2027-01-15T10:00:00.000Z');
    const answer = await edge.call<{ jobId: string | null }>('startFullBackup', sales, keepUntil.toISOString());
    expect(answer.failure ?? answer.escaped).toBeUndefined();
    expect(answer.ok).toEqual({ jobId: 'c22eca5d-0c1c-48a0-a40d-69bef708d92a' });

    const [trigger, ...polls] = [...arm.requestsTo('trigger'), ...arm.requestsTo('operation')];
    expect(trigger!.method).toBe('POST');
    expect(trigger!.path).toBe(`${fake.id}/backup`);
    expect(trigger!.query).toEqual({ 'api-version': BACKUP_API });
    expect(trigger!.authorization).toBe(`Bearer ${arm.token}`);
    expect(JSON.parse(trigger!.body)).toEqual({ properties: { objectType: 'AzureWorkloadBackupRequest', backupType: 'Full', recoveryPointExpiryTimeInUTC: '2027-01-15T10:00:00.000Z' } });
    expect(polls).toHaveLength(2);
    expect(polls[0]!.path).toMatch(new RegExp(`^${fake.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/operationsStatus/[0-9a-f-]{36}$`));
    // Retry-After: 1 on the 202 and on the InProgress answer: each poll waited for it.
    expect(polls[0]!.at - trigger!.at).toBeGreaterThanOrEqual(950);
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(arm.violations).toEqual([]);
  });

  it('shows the started backup as this database\'s running job', async () => {
    const answer = await edge.call<{ id: string; status: string; backupType: string }[]>('recentJobs', sales, 10);
    expect(answer.ok?.[0]).toMatchObject({ id: 'c22eca5d-0c1c-48a0-a40d-69bef708d92a', status: 'InProgress', backupType: 'Full' });
  });

  it('finds a protected database by vault and name, case-insensitively, across resource groups', async () => {
    const answer = await edge.call<ProtectedDatabase[]>('findDatabases', 'vault-prod', 'salesdb');
    expect(answer.failure ?? answer.escaped).toBeUndefined();
    expect(answer.ok).toEqual([sales]);
    expect(sales).toMatchObject({ resourceGroup: 'RG-Backup', vault: 'Vault-Prod', vm: 'sqlvm01', instance: 'MSSQLSERVER', database: 'SalesDB' });
    const none = await edge.call<ProtectedDatabase[]>('findDatabases', 'vault-prod', 'NoSuchDb');
    expect(none.ok).toEqual([]);
    expect(arm.requestsTo('vaults').map((r) => r.path)).toEqual([`/subscriptions/${arm.subscription}/providers/Microsoft.RecoveryServices/vaults`, `/subscriptions/${arm.subscription}/providers/Microsoft.RecoveryServices/vaults`]);
    expect(arm.violations).toEqual([]);
  });

  it('without AZURE_SUBSCRIPTION_ID, looks in every subscription the identity can read', async () => {
    const everywhere = startEdge(arm.env({ AZURE_SUBSCRIPTION_ID: '' }));
    try {
      const answer = await everywhere.call<ProtectedDatabase[]>('findDatabases', 'vault-test', 'SalesDB');
      expect(answer.ok?.map((d) => [d.vault, d.vm])).toEqual([['vault-test', 'sqlvm09']]);
      expect(arm.requestsTo('subscriptions')).toHaveLength(1);
      expect(arm.violations).toEqual([]);
    } finally {
      await everywhere.stop();
    }
  });

  it('acknowledges and closes an Azure Monitor alert through Alerts Management', async () => {
    const alertId = arm.addAlert();
    expect((await edge.call('setAlertState', alertId, 'Acknowledged')).ok).toBeNull();
    expect((await edge.call('setAlertState', alertId, 'Closed')).ok).toBeNull();
    expect(arm.alertStates.get(alertId)).toEqual(['Acknowledged', 'Closed']);
    expect(arm.requestsTo('changestate').map((r) => [r.method, r.path, r.query])).toEqual([
      ['POST', `${alertId}/changestate`, { 'api-version': '2019-03-01', newState: 'Acknowledged' }],
      ['POST', `${alertId}/changestate`, { 'api-version': '2019-03-01', newState: 'Closed' }],
    ]);
    expect(arm.violations).toEqual([]);
  });

  it('sends nothing for an alert id that is not one', async () => {
    const before = arm.requests.length;
    const answer = await edge.call('setAlertState', '/subscriptions/x/../../providers/Microsoft.AlertsManagement/alerts/1', 'Closed');
    expect(answer.failure).toMatchObject({ kind: 'failed', code: 'InvalidAlertId' });
    expect(arm.requests.length).toBe(before);
  });

  it('says not-found for an alert Azure does not know', async () => {
    const answer = await edge.call('setAlertState', `/subscriptions/${arm.subscription}/providers/Microsoft.AlertsManagement/alerts/00000000-0000-0000-0000-000000000000`, 'Closed');
    expect(answer.failure).toMatchObject({ kind: 'not-found' });
  });

  it('fetched one token per process from the identity endpoint, and never logged it', () => {
    expect(arm.tokenRequests.length).toBe(2);
    expect(edge.stderr.join('')).not.toContain(arm.token);
  });
});
