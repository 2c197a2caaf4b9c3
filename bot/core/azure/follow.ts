import { setTimeout as sleep } from 'node:timers/promises';
import { answerFor } from '../answer.ts';
import type { CoreDeps } from '../deps.ts';
import { threadStarted } from '../thread-started.ts';
import type { Place, Reply, ReplyBody } from '../types.ts';
import { utc } from '../alerts/problem.ts';
import { AzureError, type JobStatus, type JobSummary, type ProtectedDatabase } from './port.ts';

type RunBody = Extract<ReplyBody, { kind: 'backup-run' }>;
export interface Run extends Pick<RunBody, 'database' | 'vault' | 'by' | 'at' | 'jobId' | 'keptUntil'> {
  /** Epoch ms of the start, to recognise the job when Azure did not name it at once. */
  readonly startedAt: number;
}

const DONE: ReadonlySet<JobStatus> = new Set(['Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled']);
const NOT_FOLLOWED = 'No longer followed from here: Recent jobs shows where it stands.';

/**
 * Posts the started backup's card in the thread and redraws it as Azure's job moves on:
 * running, then completed or failed. A failure's code is answered from the catalog under it,
 * and the thread is then about that error. Following stops at the job's end, on an error it
 * cannot get past, or after `follow.forMs`, and the card then says so: it never claims
 * "running" for a job nobody looks at. (A restart stops following too; the job goes on in Azure.)
 */
export async function followJob(deps: CoreDeps, place: Place, db: ProtectedDatabase, run: Run): Promise<void> {
  const azure = deps.azure!;
  const { startedAt, ...shown } = run;
  let jobId = run.jobId;
  const card = (job: Pick<JobSummary, 'status' | 'errorCode' | 'errorMessage'>, extra: Partial<RunBody> = {}): Reply => ({
    body: { kind: 'backup-run', ...shown, jobId, status: job.status, error: job.errorCode ? { code: job.errorCode, message: job.errorMessage } : null, finishedAt: null, ...extra },
    delivery: 'thread',
  });
  const messageId = await azure.conversations.post(place, card({ status: 'InProgress', errorCode: null, errorMessage: null }));
  const thread = place.thread === null && place.space !== 'dm' ? azure.conversations.replyPlace(place, messageId) : place;
  let last: JobSummary = { id: jobId ?? '', operation: 'Backup', backupType: 'Full', status: 'InProgress', start: null, durationMs: null, errorCode: null, errorMessage: null };
  const until = deps.clock() + azure.follow.forMs;
  while (deps.clock() < until) {
    await sleep(azure.follow.everyMs, undefined, { ref: false });
    let job: JobSummary | undefined;
    try {
      job = jobId ? await azure.actions.job(db, jobId) : startedJob(await azure.actions.recentJobs(db, 10), startedAt);
    } catch (error) {
      // A throttled or slow read is tried again next round; anything else ends the following.
      if (error instanceof AzureError && (error.failure.kind === 'throttled' || error.failure.kind === 'timeout')) continue;
      deps.logger.warn({ err: (error as Error).message }, 'stopped following a backup job');
      break;
    }
    if (!job) continue;
    jobId = job.id;
    const finished = DONE.has(job.status);
    if (job.status === last.status && !finished && jobId === last.id) continue;
    last = job;
    await azure.conversations.update(place, messageId, card(job, finished ? { finishedAt: utc(deps.clock()) } : {}));
    if (!finished) continue;
    if (job.status === 'Failed' && job.errorCode) await explain(deps, thread, job.errorCode);
    return;
  }
  await azure.conversations.update(place, messageId, card(last, { status: 'Unknown', note: NOT_FOLLOWED }));
}

/** The full backup Azure started for us, when it did not name the job: the newest one since the start. */
function startedJob(jobs: readonly JobSummary[], startedAt: number): JobSummary | undefined {
  return jobs.find((j) => j.operation === 'Backup' && /full/i.test(j.backupType ?? '') && j.start !== null && Date.parse(j.start) >= startedAt - 60_000);
}

/** The failure's code, answered as if it had been pasted in the thread. */
async function explain(deps: CoreDeps, thread: Place, code: string): Promise<void> {
  const answer = answerFor(deps, code, deps.classifier.classify(code, 'direct'), 'direct');
  if (!answer) return;
  await deps.azure!.conversations.post(thread, { body: answer.body, delivery: 'thread' });
  if (answer.entryId) await threadStarted(deps, thread, { entryId: answer.entryId, candidateIds: [...answer.candidateIds] });
}
