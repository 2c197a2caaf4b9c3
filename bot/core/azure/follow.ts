import { setTimeout as sleep } from 'node:timers/promises';
import { answerFor } from '../answer.ts';
import type { CoreDeps } from '../deps.ts';
import { threadStarted } from '../thread-started.ts';
import type { Place, Reply, ReplyBody } from '../types.ts';
import { utc } from '../alerts/problem.ts';
import { AzureError, type JobStatus, type JobSummary, type ProtectedDatabase } from './port.ts';

type RunBody = Extract<ReplyBody, { kind: 'backup-run' }>;
export type Run = Pick<RunBody, 'database' | 'vault' | 'by' | 'at' | 'jobId' | 'keptUntil'>;

const DONE: ReadonlySet<JobStatus> = new Set(['Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled']);

/**
 * Posts the started backup's card in the thread and redraws it as Azure's job moves on:
 * running, then completed or failed. A failure's code is answered from the catalog under it,
 * and the thread is then about that error. Following stops at the job's end or after
 * `follow.forMs`; the job itself goes on in Azure either way (a restart only stops the redraws).
 */
export async function followJob(deps: CoreDeps, place: Place, db: ProtectedDatabase, run: Run): Promise<void> {
  const azure = deps.azure!;
  const card = (job: Pick<JobSummary, 'status' | 'errorCode' | 'errorMessage'>, finishedAt: string | null): Reply => ({
    body: { kind: 'backup-run', ...run, status: job.status, error: job.errorCode ? { code: job.errorCode, message: job.errorMessage } : null, finishedAt },
    delivery: 'thread',
  });
  const messageId = await azure.conversations.post(place, card({ status: 'InProgress', errorCode: null, errorMessage: null }, null));
  const thread = place.thread === null && place.space !== 'dm' ? azure.conversations.replyPlace(place, messageId) : place;
  if (run.jobId === null) return;
  let last: JobStatus = 'InProgress';
  const until = deps.clock() + azure.follow.forMs;
  while (deps.clock() < until) {
    await sleep(azure.follow.everyMs, undefined, { ref: false });
    let job: JobSummary;
    try {
      job = await azure.actions.job(db, run.jobId);
    } catch (error) {
      // A throttled or slow read is tried again next round; anything else ends the following.
      if (error instanceof AzureError && (error.failure.kind === 'throttled' || error.failure.kind === 'timeout')) continue;
      throw error;
    }
    if (job.status === last && !DONE.has(job.status)) continue;
    last = job.status;
    const finished = DONE.has(job.status);
    await azure.conversations.update(place, messageId, card(job, finished ? utc(deps.clock()) : null));
    if (!finished) continue;
    if (job.status === 'Failed' && job.errorCode) await explain(deps, thread, job.errorCode);
    return;
  }
}

/** The failure's code, answered as if it had been pasted in the thread. */
async function explain(deps: CoreDeps, thread: Place, code: string): Promise<void> {
  const answer = answerFor(deps, code, deps.classifier.classify(code, 'direct'), 'direct');
  if (!answer) return;
  await deps.azure!.conversations.post(thread, { body: answer.body, delivery: 'thread' });
  if (answer.entryId) await threadStarted(deps, thread, { entryId: answer.entryId, candidateIds: [...answer.candidateIds] });
}
