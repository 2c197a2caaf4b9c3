import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { Place } from './types.ts';

/**
 * What a thread is about, kept in the store so that another replica can answer the next
 * question. Ids only: the user's paste itself is never stored.
 */
export interface ThreadContext {
  /** The entry the thread is about; null after a "did you mean" nobody has picked yet. */
  readonly entryId: string | null;
  /** Other entries to offer on "that's not it", best first. */
  readonly candidateIds: readonly string[];
}

export async function loadThread(deps: CoreDeps, place: Place): Promise<ThreadContext | undefined> {
  return deps.store.get<ThreadContext>(keys.thread(place));
}

export async function saveThread(deps: CoreDeps, place: Place, context: ThreadContext): Promise<void> {
  await deps.store.set(keys.thread(place), context, deps.limits.threadTtlMs);
}
