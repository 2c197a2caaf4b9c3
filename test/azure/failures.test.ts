import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProtectedDatabase } from '../../bot/core/azure/port.ts';
import { protectedDatabaseFromId } from '../../bot/core/azure/protected-id.ts';
import { FakeArm, type FakeDatabase } from '../../testkit/fake-arm.ts';
import { startEdge, type Edge } from './support/edge.ts';

/** What each way Azure can refuse or fail to answer becomes, through the SDK's own pipeline (retries, throttling). */
describe('Azure edge: failures', () => {
  const arm = new FakeArm();
  let edge: Edge;
  /** The same edge with AZURE_TIMEOUT_SECONDS=2. */
  let quick: Edge;
  let fake: FakeDatabase;
  let sales: ProtectedDatabase;

  beforeAll(async () => {
    await arm.start();
    fake = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm01', database: 'SalesDB' });
    sales = protectedDatabaseFromId(fake.id)!;
    edge = startEdge(arm.env());
    quick = startEdge(arm.env({ AZURE_TIMEOUT_SECONDS: '2' }));
  }, 30_000);

  afterEach(() => arm.clearFaults());

  afterAll(async () => {
    await Promise.all([edge?.stop(), quick?.stop()]);
    await arm.stop();
  });

  it('403: forbidden, with Azure\'s code and the action the identity lacks', async () => {
    arm.fault('trigger', { kind: 'forbidden' });
    const answer = await edge.call('startFullBackup', sales, '2027-01-15T10:00:00.000Z');
    expect(answer.failure?.kind).toBe('forbidden');
    const detail = answer.failure && 'detail' in answer.failure ? answer.failure.detail : '';
    expect(detail).toMatch(/^AuthorizationFailed: /);
    expect(detail).toContain("'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action'");
    expect(detail).not.toContain(arm.token);
  });

  it('403 on the alert: forbidden naming the changestate action', async () => {
    arm.fault('changestate', { kind: 'forbidden' });
    const answer = await edge.call('setAlertState', arm.addAlert(), 'Acknowledged');
    expect(answer.failure).toMatchObject({ kind: 'forbidden' });
    expect(JSON.stringify(answer.failure)).toContain('Microsoft.AlertsManagement/alerts/changestate/action');
  });

  it('429 that persists through the SDK\'s retries: throttled, with Azure\'s Retry-After', async () => {
    const before = arm.requestsTo('jobs').length;
    arm.fault('jobs', { kind: 'throttle', retryAfter: 1 });
    const answer = await edge.call('recentJobs', sales, 10);
    expect(answer.failure).toEqual({ kind: 'throttled', retryAfterSeconds: 1 });
    // The pipeline's throttling policy retried (3 times), waiting Azure's second each time.
    expect(arm.requestsTo('jobs').length - before).toBe(4);
    expect(answer.ms).toBeGreaterThanOrEqual(2_900);
  });

  it('429 asking for longer than we may wait: throttled with that wait, within the timeout', async () => {
    arm.fault('jobs', { kind: 'throttle', retryAfter: 120 });
    const answer = await quick.call('recentJobs', sales, 10);
    expect(answer.failure).toEqual({ kind: 'throttled', retryAfterSeconds: 120 });
    expect(answer.ms).toBeLessThan(3_500);
  });

  it('no answer: timeout within AZURE_TIMEOUT_SECONDS', async () => {
    arm.fault('job', { kind: 'hang' });
    const answer = await quick.call('job', sales, 'any-job');
    expect(answer.failure).toEqual({ kind: 'timeout' });
    expect(answer.ms).toBeGreaterThanOrEqual(1_900);
    expect(answer.ms).toBeLessThan(3_500);
  });

  it('a backup accepted whose operation never answers: jobId null at the timeout, not a failure', async () => {
    arm.scriptBackup(fake, { jobId: 'never-named', retryAfter: 0 });
    arm.fault('operation', { kind: 'hang' });
    const answer = await quick.call('startFullBackup', sales, '2027-01-15T10:00:00.000Z');
    expect(answer.ok).toEqual({ jobId: null });
    expect(answer.ms).toBeLessThan(3_500);
  });

  it('404: not-found, for a vault that is not there', async () => {
    const gone = { ...sales, vault: 'vault-gone' };
    const answer = await edge.call('recentJobs', gone, 10);
    expect(answer.failure).toMatchObject({ kind: 'not-found' });
    expect(JSON.stringify(answer.failure)).toContain('ResourceNotFound');
  });

  it('anything else: failed, with the status and Azure\'s code', async () => {
    arm.scriptBackup(fake, { jobId: 'x' });
    arm.fault('trigger', { kind: 'status', status: 409, code: 'UserErrorConflictingOperation' }, 1);
    const answer = await edge.call('startFullBackup', sales, '2027-01-15T10:00:00.000Z');
    expect(answer.failure).toMatchObject({ kind: 'failed', status: 409, code: 'UserErrorConflictingOperation' });
  });

  it('no token to be had: forbidden, saying so, with nothing sent to Azure', async () => {
    const before = arm.requests.length;
    arm.refuseTokens = true;
    const fresh = startEdge(arm.env());
    try {
      const answer = await fresh.call('recentJobs', sales, 10);
      expect(answer.failure?.kind).toBe('forbidden');
      expect(JSON.stringify(answer.failure)).toContain('no usable Azure credential');
      expect(arm.requests.length).toBe(before);
      expect(fresh.stderr.join('')).not.toContain(arm.identityHeader);
    } finally {
      arm.refuseTokens = false;
      await fresh.stop();
    }
  });

  it('an identity endpoint that never answers: timeout within AZURE_TIMEOUT_SECONDS all the same', async () => {
    arm.hangTokens = true;
    const fresh = startEdge(arm.env({ AZURE_TIMEOUT_SECONDS: '2' }));
    try {
      const answer = await fresh.call('job', sales, 'any-job');
      expect(answer.failure).toEqual({ kind: 'timeout' });
      expect(answer.ms).toBeLessThan(3_500);
    } finally {
      arm.hangTokens = false;
      await fresh.stop();
    }
  });

  it('let nothing but AzureError out, sent only well-formed requests, and never logged the token', () => {
    expect(arm.violations).toEqual([]);
    const logs = [...edge.stderr, ...quick.stderr].join('');
    expect(logs).not.toContain(arm.token);
    expect(logs).not.toContain(arm.identityHeader);
    expect(logs).not.toMatch(/"escaped"/);
  });
});
