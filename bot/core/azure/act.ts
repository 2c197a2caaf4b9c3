import { randomBytes } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import type { CardAction, Place, Reply, Who } from '../types.ts';
import { utc } from '../alerts/problem.ts';
import { mayWrite } from './allow-list.ts';
import { audit } from './audit.ts';
import { followJob } from './follow.ts';
import { AzureError, type JobSummary, type ProtectedDatabase } from './port.ts';
import { entryForCode } from './remedy.ts';
import { azureButtons, targetOf } from './targets.ts';
import { failureText, REFUSED, resourceIdOf } from './texts.ts';

type AzureAction = Extract<CardAction, { kind: 'azure' }>;

const privately = (text: string): Reply => ({ body: { kind: 'notice', text }, delivery: 'ephemeral' });
const GONE = privately('I no longer know which database that card was about (it is over 30 days old, or from another conversation). Use `/sqlbackup jobs <vault> <database>`.');
const OFF = privately('Acting on Azure from the card is not switched on for this bot.');

/** A confirmation is good for one backup; a start in flight keeps a second one out for this long. */
const CONFIRMATION_TTL_MS = 24 * 3_600_000;
const STARTING_TTL_MS = 2 * 60_000;

/**
 * The Azure buttons: Recent jobs (anyone in the conversation), Run full backup (a
 * confirmation first, then only for the people AZURE_ACTIONS_ALLOWED names), and the
 * confirmation's answer. `requestId` is the press's delivery id, for the audit line.
 */
export async function azureAction(deps: CoreDeps, place: Place, who: Who, action: AzureAction, requestId: string): Promise<Reply> {
  if (!deps.azure) return OFF;
  const db = await targetOf(deps, place, action.ref);
  if (!db) return GONE;
  switch (action.op) {
    case 'jobs':
      return recentJobs(deps, place, db);
    case 'backup':
      if (!(await mayWrite(deps, place, who.id))) return refuse(deps, place, who, db, requestId);
      return {
        body: {
          kind: 'confirm-backup',
          ref: action.ref,
          nonce: randomBytes(8).toString('hex'),
          database: db.database,
          instance: db.instance,
          vm: db.vm,
          vault: db.vault,
          days: deps.azure.retentionDays,
        },
        delivery: 'dialog',
      };
    case 'cancel':
      return privately(`Cancelled: no backup of ${db.database} was started.`);
    case 'confirm':
      if (!(await mayWrite(deps, place, who.id))) return refuse(deps, place, who, db, requestId);
      if (!action.nonce || !(await deps.store.claim(`azure:confirmed:${action.nonce}`, CONFIRMATION_TTL_MS))) {
        return privately('That confirmation was already used: one confirmation starts one backup.');
      }
      return startBackup(deps, place, who, db, action.days ?? deps.azure.retentionDays, requestId);
  }
}

async function recentJobs(deps: CoreDeps, place: Place, db: ProtectedDatabase): Promise<Reply> {
  try {
    const jobs = await deps.azure!.actions.recentJobs(db, 10);
    return { body: await jobsBody(deps, place, db, jobs), delivery: 'thread' };
  } catch (error) {
    return privately(failureOf(error, 'read the jobs of this database'));
  }
}

/** The jobs, with Run full backup when the latest failure is one a full backup fixes. */
export async function jobsBody(deps: CoreDeps, place: Place, db: ProtectedDatabase, jobs: readonly JobSummary[]): Promise<Reply['body']> {
  const failed = jobs.find((j) => j.status === 'Failed' && j.errorCode);
  const backup = failed?.errorCode ? entryForCode(deps, failed.errorCode)?.remedy === 'full-backup' : false;
  const azure = (await azureButtons(deps, place, db, backup))!;
  return { kind: 'jobs', database: db.database, vault: db.vault, jobs, azure };
}

function refuse(deps: CoreDeps, place: Place, who: Who, db: ProtectedDatabase, requestId: string): Reply {
  audit(deps, { place, user: who.id, action: 'full-backup', target: resourceIdOf(db), result: { ok: false, reason: 'not-allowed' }, requestId });
  return privately(REFUSED);
}

async function startBackup(deps: CoreDeps, place: Place, who: Who, db: ProtectedDatabase, days: number, requestId: string): Promise<Reply> {
  const azure = deps.azure!;
  const target = resourceIdOf(db);
  const record = (result: Parameters<typeof audit>[1]['result']) => audit(deps, { place, user: who.id, action: 'full-backup', target, result, requestId });
  // Two people (or one on two replicas) confirming at once: only the first start goes to Azure.
  const starting = `azure:starting:${target.toLowerCase()}`;
  if (!(await deps.store.claim(starting, STARTING_TTL_MS))) {
    record({ ok: false, reason: 'job-running' });
    return privately(`A full backup of ${db.database} is being started by someone else right now; its progress follows in the thread.`);
  }
  try {
    const running = (await azure.actions.recentJobs(db, 10)).find((j) => j.status === 'InProgress');
    if (running) {
      await deps.store.delete(starting);
      record({ ok: false, reason: 'job-running' });
      const since = running.start ? ` since ${utc(running.start)}` : '';
      return privately(
        `A ${running.operation}${running.backupType ? ` (${running.backupType})` : ''} job is already running on ${db.database}${since} (job ${running.id}). Azure fails a second operation on the same database while one runs, so I did not start another: wait for it to finish.`,
      );
    }
    const now = deps.clock();
    const keepUntil = new Date(now + days * 86_400_000);
    const { jobId } = await azure.actions.startFullBackup(db, keepUntil);
    record({ ok: true, jobId });
    const run = { database: db.database, vault: db.vault, by: who, at: utc(now), jobId, keptUntil: utc(keepUntil.getTime()) };
    // Not awaited: the press is answered now, the job's card moves on in the thread.
    followJob(deps, place, db, run).catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'following a backup job failed'));
    return privately(`Started a full backup of ${db.database} in ${db.vault}, kept for ${days} days. Its progress follows in the thread.`);
  } catch (error) {
    // Nothing started: the next confirmation may try again at once.
    await deps.store.delete(starting);
    const failure = error instanceof AzureError ? error.failure.kind : 'failed';
    record({ ok: false, reason: failure });
    return privately(failureOf(error, `start a full backup of ${db.database}`));
  }
}

function failureOf(error: unknown, what: string): string {
  if (error instanceof AzureError) return failureText(error.failure, 'backup', what);
  throw error;
}
