import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary, ProtectedDatabase } from '../../bot/core/azure/port.ts';
import { protectedDatabaseFromId } from '../../bot/core/azure/protected-id.ts';
import { FakeArm, type FakeDatabase } from '../../testkit/fake-arm.ts';
import { startEdge, type Edge } from './support/edge.ts';

/** Recent jobs and one job's state, through the real Backup SDK, identity and TLS, against the stand-in ARM. */
describe('Azure edge: jobs', () => {
  const arm = new FakeArm();
  let edge: Edge;
  let sales: ProtectedDatabase;
  let fake: FakeDatabase;
  const now = Date.now();
  const ago = (minutes: number): string => new Date(now - minutes * 60_000).toISOString();

  beforeAll(async () => {
    await arm.start();
    const db = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm01', database: 'SalesDB' });
    const other = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm02', database: 'SalesDB' });
    const hr = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm01', database: 'HR' });
    fake = db;
    sales = protectedDatabaseFromId(db.id)!;
    arm.addJob(db, 'job-log-1', { operation: 'Backup (Log)', status: 'Completed', startTime: ago(30), duration: 'PT1M2.5S' });
    arm.addJob(other, 'job-other', { operation: 'Backup (Full)', status: 'Failed', startTime: ago(5) });
    arm.addJob(hr, 'job-hr', { operation: 'Backup (Full)', status: 'Completed', startTime: ago(2) });
    arm.addJob(db, 'job-full-failed', {
      operation: 'Backup (Full)',
      status: 'Failed',
      startTime: ago(10),
      duration: '00:03:13.6439467',
      errorDetails: [{ errorCode: 510008, errorString: 'Operation cancelled as a conflicting operation was already running on the same database.', errorTitle: 'OperationCancelledBecauseConflictingOperationRunningUserError' }],
    });
    // The short form of the entity name (no instance, the host's bare name), in another case.
    arm.addJob(db, 'job-copy-only', { entityFriendlyName: 'salesdb [SQLVM01]', operation: 'Backup (Copy Only Full)', status: 'CompletedWithWarnings', startTime: ago(20) });
    // Same VM and database name, another instance: not this database.
    arm.addJob(db, 'job-other-instance', { entityFriendlyName: 'SQL2019/SalesDB [sqlvm01.contoso.com]', operation: 'Backup (Full)', status: 'Completed', startTime: ago(3) });
    arm.addJob(db, 'job-week-old', { operation: 'Backup (Full)', status: 'Completed', startTime: ago(5 * 1440), duration: 'PT20M' });
    arm.addJob(db, 'job-diff-old', { operation: 'Backup (Differential)', status: 'Completed', startTime: ago(600), duration: 'PT10S' });
    arm.jobsPageSize = 2; // three pages: the edge must follow nextLink
    edge = startEdge(arm.env());
  }, 30_000);

  afterAll(async () => {
    await edge?.stop();
    await arm.stop();
  });

  it('lists only this database\'s jobs, newest first, mapped for the card', async () => {
    const answer = await edge.call<JobSummary[]>('recentJobs', sales, 10);
    expect(answer.failure ?? answer.escaped).toBeUndefined();
    expect(answer.ok!.map((j) => j.id)).toEqual(['job-full-failed', 'job-copy-only', 'job-log-1', 'job-diff-old', 'job-week-old']);
    expect(answer.ok![0]).toEqual({
      id: 'job-full-failed',
      operation: 'Backup',
      backupType: 'Full',
      status: 'Failed',
      start: ago(10),
      durationMs: 193_644,
      errorCode: 'OperationCancelledBecauseConflictingOperationRunningUserError',
      errorMessage: 'Operation cancelled as a conflicting operation was already running on the same database.',
    });
    expect(answer.ok![1]).toMatchObject({ operation: 'Backup', backupType: 'CopyOnlyFull', status: 'CompletedWithWarnings', durationMs: null });
    expect(answer.ok![2]).toMatchObject({ backupType: 'Log', status: 'Completed', durationMs: 62_500, errorCode: null });
    // The last day first (7 jobs of the vault, 4 pages of 2), then, with fewer than 10 of
    // this database's there, the whole 30 days (8 jobs, 4 pages).
    const jobs = arm.requestsTo('jobs');
    const since = (r: (typeof jobs)[number]): string => /startTime eq '([^']+)'/.exec(r.query['$filter'] ?? '')![1]!;
    expect(jobs).toHaveLength(8);
    expect(new Set(jobs.slice(0, 4).map(since)).size).toBe(1);
    expect(since(jobs[4]!)).not.toBe(since(jobs[0]!));
    expect(jobs.every((r) => r.path === `/subscriptions/${sales.subscription}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/vault-prod/backupJobs`)).toBe(true);
    expect(arm.violations).toEqual([]);
  });

  it('knows the jobs of a VM whose SQL Server has another computer name, from the protected item', async () => {
    const renamed = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm03', database: 'Orders', serverName: 'SQLHOST03.corp.contoso.com' });
    arm.addJob(renamed, 'job-renamed', { operation: 'Backup (Full)', status: 'Completed', startTime: ago(4) });
    arm.addJob(renamed, 'job-elsewhere', { entityFriendlyName: 'MSSQLSERVER/Orders [sqlhost04.corp.contoso.com]', operation: 'Backup (Full)', status: 'Completed', startTime: ago(4) });
    const answer = await edge.call<JobSummary[]>('recentJobs', protectedDatabaseFromId(renamed.id), 10);
    expect(answer.ok?.map((j) => j.id)).toEqual(['job-renamed']);
    expect(arm.requestsTo('protectedItem').at(-1)?.path).toBe(renamed.id);
  });

  it('keeps the limit, and reads only the last day when it holds enough', async () => {
    const before = arm.requestsTo('jobs').length;
    const answer = await edge.call<JobSummary[]>('recentJobs', sales, 1);
    expect(answer.ok!.map((j) => j.id)).toEqual(['job-full-failed']);
    expect(arm.requestsTo('jobs').length - before).toBe(5); // the day's jobs (now 9 with the test above), 2 a page
  });

  it('follows one job from InProgress to Completed, and reads a failed one with its error code', async () => {
    arm.scriptJob(fake, 'job-new', [
      { status: 'InProgress', startTime: ago(1), duration: 'PT5S' },
      { status: 'Completed', startTime: ago(1), duration: 'PT50S' },
    ]);
    const first = await edge.call<JobSummary>('job', sales, 'job-new');
    const second = await edge.call<JobSummary>('job', sales, 'job-new');
    expect([first.ok?.status, second.ok?.status]).toEqual(['InProgress', 'Completed']);
    expect(second.ok).toMatchObject({ id: 'job-new', operation: 'Backup', backupType: 'Full', durationMs: 50_000, errorCode: null });

    arm.scriptJob(fake, 'job-bad', [
      { status: 'Failed', startTime: ago(1), errorDetails: [{ errorCode: 59001, errorTitle: 'UserErrorSQLNoSnapshotSupport', errorString: 'The database does not support snapshot backups.' }] },
    ]);
    const failed = await edge.call<JobSummary>('job', sales, 'job-bad');
    expect(failed.ok).toMatchObject({ status: 'Failed', errorCode: 'UserErrorSQLNoSnapshotSupport', errorMessage: 'The database does not support snapshot backups.' });
    expect(arm.requestsTo('job').map((r) => r.path.split('/').at(-1))).toEqual(['job-new', 'job-new', 'job-bad']);
    expect(arm.violations).toEqual([]);
  });

  it('says not-found for a job Azure does not know', async () => {
    const answer = await edge.call('job', sales, 'no-such-job');
    expect(answer.failure).toMatchObject({ kind: 'not-found' });
    expect(answer.failure && 'detail' in answer.failure ? answer.failure.detail : '').toContain('BMSUserErrorJobNotFound');
  });

  it('got its token from the managed identity endpoint once, and never logged it', () => {
    expect(arm.tokenRequests.length).toBe(1);
    expect(arm.requests.every((r) => r.authorization === `Bearer ${arm.token}`)).toBe(true);
    expect(edge.stderr.join('')).not.toContain(arm.token);
    expect(edge.stderr.join('')).toContain('"action":"recentJobs"');
  });
});
