import type { CoreDeps } from '../deps.ts';
import type { Place } from '../types.ts';
import { alertKeys } from './alert-keys.ts';
import type { Problem } from './problem.ts';

/**
 * Problems in the store, shared by every replica. A problem is kept for 30 days after its
 * last change (long enough to show in `open` and take button presses), its open marker for
 * as long as it is open.
 */
const PROBLEM_TTL_MS = 30 * 24 * 3_600_000;

export async function loadProblem(deps: CoreDeps, id: string): Promise<Problem | undefined> {
  return deps.store.get<Problem>(alertKeys.problem(id));
}

export async function saveProblem(deps: CoreDeps, problem: Problem): Promise<void> {
  await deps.store.set(alertKeys.problem(problem.id), problem, PROBLEM_TTL_MS);
}

export async function openProblem(deps: CoreDeps, place: Place, item: string, code: string): Promise<Problem | undefined> {
  const id = await deps.store.get<string>(alertKeys.open(place, item, code));
  return id === undefined ? undefined : loadProblem(deps, id);
}

export async function markOpen(deps: CoreDeps, problem: Problem): Promise<void> {
  await deps.store.set(alertKeys.open(problem.place, problem.item, problem.code.code), problem.id, PROBLEM_TTL_MS);
  // The newest 100 are plenty for a chat list; older ones still close by quiet period.
  await editList(deps, problem.place, (ids) => [...ids.filter((id) => id !== problem.id), problem.id].slice(-100));
}

export async function markClosed(deps: CoreDeps, problem: Problem): Promise<void> {
  await deps.store.delete(alertKeys.open(problem.place, problem.item, problem.code.code));
  await editList(deps, problem.place, (ids) => ids.filter((id) => id !== problem.id));
}

/** Problems of one conversation open and close on any replica: the list is edited under its own lock. */
async function editList(deps: CoreDeps, place: Place, edit: (ids: string[]) => string[]): Promise<void> {
  const key = alertKeys.list(place);
  await withLock(deps, `${key}:lock`, async () => {
    await deps.store.set(key, edit((await deps.store.get<string[]>(key)) ?? []), PROBLEM_TTL_MS);
  });
}

/** The open problems of a conversation, oldest first. */
export async function openProblems(deps: CoreDeps, place: Place): Promise<Problem[]> {
  const ids = (await deps.store.get<string[]>(alertKeys.list({ ...place, thread: null }))) ?? [];
  const problems = await Promise.all(ids.map((id) => loadProblem(deps, id)));
  return problems.filter((p): p is Problem => p !== undefined && p.resolved === null);
}

/** Work waiting for a lock in this process, by key: only the first of them polls the store. */
const local = new Map<string, Promise<unknown>>();

/**
 * A lock outlives the slowest post it guards (a platform's own retries included): if it
 * expired while its holder was still posting a root, the next alert would post another.
 */
const LOCK_TTL_MS = 120_000;

/**
 * Runs `work` holding the lock of `key` in the store, so two replicas receiving two alerts
 * of one problem at once open one root, not two. Within a process, work on one key queues
 * in memory; only its head polls the store, backing off, so a burst of alerts for one
 * problem does not turn into a storm of store round trips. Gives up after `waitMs`.
 */
export async function withLock<T>(deps: CoreDeps, key: string, work: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const previous = local.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => holding(deps, key, work, waitMs));
  const tail = run.catch(() => undefined);
  local.set(key, tail);
  void tail.then(() => {
    if (local.get(key) === tail) local.delete(key);
  });
  return run;
}

async function holding<T>(deps: CoreDeps, key: string, work: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  let pause = 20;
  while (!(await deps.store.claim(key, LOCK_TTL_MS))) {
    if (Date.now() > deadline) throw new Error('alerts: lock not released in time');
    await new Promise((r) => setTimeout(r, pause * (0.5 + Math.random())));
    pause = Math.min(pause * 1.5, 500);
  }
  try {
    return await work();
  } finally {
    await deps.store.delete(key);
  }
}
