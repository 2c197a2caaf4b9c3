import { randomBytes } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import type { CardAction, Place, Reply, Who } from '../types.ts';
import { utc } from '../alerts/problem.ts';
import { mayWrite } from './allow-list.ts';
import { audit } from './audit.ts';
import { followJob } from './follow.ts';
import { inTime } from './in-time.ts';
import { AzureError, type JobSummary, type ProtectedDatabase } from './port.ts';
import { entryForCode } from './remedy.ts';
import { azureButtons, targetOf } from './targets.ts';
import { failureText, privately, REFUSED, resourceIdOf, START_UNANSWERED } from './texts.ts';

type AzureAction = Extract<CardAction, { kind: 'azure' }>;

const GONE = privately('I no longer know which database that card was about (it is over 30 days old, or from another conversation). Use `/sqlbackup jobs <vault> <database>`.');
const OFF = privately('Acting on Azure from the card is not switched on for this bot.');

/** A confirmation shown is good for an hour, for the person it was shown to, once. */
const CONFIRMATION_TTL_MS = 3_600_000;
/** A start in flight keeps a second one for the same database out for this long. */
const STARTING_TTL_MS = 2 * 60_000;

interface Pending {
  readonly ref: string;
  readonly user: string;
}
const pendingKey = (nonce: string) => `azure:confirm:${nonce}`;

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
    case 'backup': {
      if (!(await mayWrite(deps, place, who.id))) return refuse(deps, place, who, db, requestId);
      // Only a confirmation the bot showed to this person starts anything: a hand-made Start
      // (Teams submit data comes from the client) finds no pending confirmation.
      const nonce = randomBytes(8).toString('hex');
      await deps.store.set(pendingKey(nonce), { ref: action.ref, user: who.id } satisfies Pending, CONFIRMATION_TTL_MS);
      const { database, instance, vm, vault, resourceGroup, subscription } = db;
      return {
        body: { kind: 'confirm-backup', ref: action.ref, nonce, database, instance, vm, vault, resourceGroup, subscription, days: deps.azure.retentionDays },
        delivery: 'dialog',
      };
    }
    case 'cancel':
      if (action.nonce) await deps.store.delete(pendingKey(action.nonce));
      return privately(`Cancelled: no backup of ${db.database} was started.`);
    case 'confirm': {
      if (!(await mayWrite(deps, place, who.id))) return refuse(deps, place, who, db, requestId);
      const pending = action.nonce ? await deps.store.get<Pending>(pendingKey(action.nonce)) : undefined;
      if (!pending || pending.ref !== action.ref || pending.user !== who.id) {
        return privately('That confirmation is not one I showed you, or it is over an hour old. Press *Run full backup now…* again.');
      }
      if (!(await deps.store.claim(`azure:confirmed:${action.nonce}`, CONFIRMATION_TTL_MS))) {
        return privately('That confirmation was already used: one confirmation starts one backup.');
      }
      return startInTime(deps, place, who, db, action.days ?? deps.azure.retentionDays, requestId);
    }
  }
}

async function recentJobs(deps: CoreDeps, place: Place, db: ProtectedDatabase): Promise<Reply> {
  try {
    const jobs = await deps.azure!.actions.recentJobs(db, 10);
    return { body: await jobsBody(deps, place, db, jobs), delivery: 'thread' };
  } catch (error) {
    return privately(failureOf(error, `read the jobs of ${db.database}`));
  }
}

/**
 * The jobs, with Run full backup when the latest failure is one a full backup fixes and no
 * full backup has completed since.
 */
export async function jobsBody(deps: CoreDeps, place: Place, db: ProtectedDatabase, jobs: readonly JobSummary[]): Promise<Reply['body']> {
  const failed = jobs.find((j) => j.status === 'Failed' && j.errorCode);
  const fullSince = failed && jobs.slice(0, jobs.indexOf(failed)).some((j) => j.status === 'Completed' && /full/i.test(j.backupType ?? ''));
  const backup = !fullSince && failed?.errorCode ? entryForCode(deps, failed.errorCode)?.remedy === 'full-backup' : false;
  const azure = (await azureButtons(deps, place, db, backup))!;
  return { kind: 'jobs', database: db.database, vault: db.vault, jobs, azure };
}

function refuse(deps: CoreDeps, place: Place, who: Who, db: ProtectedDatabase, requestId: string): Reply {
  audit(deps, { place, user: who.id, action: 'full-backup', target: resourceIdOf(db), result: { ok: false, reason: 'not-allowed' }, requestId });
  return privately(REFUSED);
}

/** Answers with the outcome when Azure is quick; otherwise at once, and the outcome goes to the thread. */
async function startInTime(deps: CoreDeps, place: Place, who: Who, db: ProtectedDatabase, days: number, requestId: string): Promise<Reply> {
  const start = startBackup(deps, place, who, db, days, requestId);
  const quick = await inTime(start);
  if (quick) return privately(quick.text);
  void start.then(
    // A start shows as its card in the thread; only a backup that did not start needs saying.
    ({ started, text }) => (started ? undefined : deps.azure!.conversations.post(place, { body: { kind: 'notice', text: `Full backup of ${db.database} not started. ${text}` }, delivery: 'thread' })),
  ).catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'could not tell the thread how a backup start went'));
  return privately(`Starting a full backup of ${db.database}. Azure is taking its time; what happens will show in the thread.`);
}

async function startBackup(deps: CoreDeps, place: Place, who: Who, db: ProtectedDatabase, days: number, requestId: string): Promise<{ started: boolean; text: string }> {
  const azure = deps.azure!;
  const target = resourceIdOf(db);
  const record = (result: Parameters<typeof audit>[1]['result']) => audit(deps, { place, user: who.id, action: 'full-backup', target, result, requestId });
  // Two people confirming at once, or one person twice on two replicas: only the first start goes to Azure.
  const starting = `azure:starting:${target.toLowerCase()}`;
  if (!(await deps.store.claim(starting, STARTING_TTL_MS))) {
    record({ ok: false, reason: 'job-running' });
    return { started: false, text: `A full backup of ${db.database} was started from a card less than two minutes ago; its progress shows in the thread it was started from.` };
  }
  // Set once the backup request is on its way: from then on a timeout may hide a started backup.
  let requested = false;
  try {
    const running = (await azure.actions.recentJobs(db, 10)).find((j) => j.status === 'InProgress');
    if (running) {
      await deps.store.delete(starting);
      record({ ok: false, reason: 'job-running' });
      const since = running.start ? ` since ${utc(running.start)}` : '';
      const what = `${running.operation}${running.backupType ? ` (${running.backupType})` : ''}`;
      return {
        started: false,
        text: `A ${what} job is already running on ${db.database}${since} (job ${running.id}). Azure fails a second operation on a database while one runs, so I did not start another: wait for it to finish.`,
      };
    }
    const now = deps.clock();
    const keepUntil = new Date(now + days * 86_400_000);
    requested = true;
    const { jobId } = await azure.actions.startFullBackup(db, keepUntil);
    record({ ok: true, jobId });
    const run = { database: db.database, vault: db.vault, by: who, at: utc(now), startedAt: now, jobId, keptUntil: utc(keepUntil.getTime()) };
    // Not awaited: the press is answered now, the job's card moves on in the thread.
    followJob(deps, place, db, run).catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'following a backup job failed'));
    return { started: true, text: `Started a full backup of ${db.database} in ${db.vault}, kept for ${days} days. Its progress shows in the thread.` };
  } catch (error) {
    const unanswered = requested && error instanceof AzureError && error.failure.kind === 'timeout';
    // Nothing started: the next confirmation may try again at once. An unanswered request keeps
    // the claim: the backup may be running, and a second start would fail against it.
    if (!unanswered) await deps.store.delete(starting);
    record({ ok: false, reason: error instanceof AzureError ? error.failure.kind : 'failed' });
    return { started: false, text: unanswered ? START_UNANSWERED : failureOf(error, `start a full backup of ${db.database}`) };
  }
}

function failureOf(error: unknown, what: string): string {
  if (error instanceof AzureError) return failureText(error.failure, 'backup', what);
  throw error;
}
