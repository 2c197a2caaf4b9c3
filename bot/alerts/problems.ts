import type { CoreDeps } from '../core/deps.ts';
import type { Place } from '../core/types.ts';
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
  const list = (await deps.store.get<string[]>(alertKeys.list(problem.place))) ?? [];
  // The newest 100 are plenty for a chat list; older ones still close by quiet period.
  await deps.store.set(alertKeys.list(problem.place), [...list.filter((id) => id !== problem.id), problem.id].slice(-100), PROBLEM_TTL_MS);
}

export async function markClosed(deps: CoreDeps, problem: Problem): Promise<void> {
  await deps.store.delete(alertKeys.open(problem.place, problem.item, problem.code.code));
  const list = (await deps.store.get<string[]>(alertKeys.list(problem.place))) ?? [];
  await deps.store.set(alertKeys.list(problem.place), list.filter((id) => id !== problem.id), PROBLEM_TTL_MS);
}

/** The open problems of a conversation, oldest first. */
export async function openProblems(deps: CoreDeps, place: Place): Promise<Problem[]> {
  const ids = (await deps.store.get<string[]>(alertKeys.list({ ...place, thread: null }))) ?? [];
  const problems = await Promise.all(ids.map((id) => loadProblem(deps, id)));
  return problems.filter((p): p is Problem => p !== undefined && p.resolved === null);
}

/**
 * Runs `work` holding the lock of (conversation, item, code), so two replicas receiving two
 * alerts of one problem at once open one root, not two. Gives up after `waitMs`.
 */
export async function withLock<T>(deps: CoreDeps, key: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  while (!(await deps.store.claim(key, 30_000))) {
    if (Date.now() > deadline) throw new Error('alerts: lock not released in time');
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
  }
  try {
    return await work();
  } finally {
    await deps.store.delete(key);
  }
}
