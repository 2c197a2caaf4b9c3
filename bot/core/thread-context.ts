import type { PasteDetails } from '../../intents/index.ts';
import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { Place } from './types.ts';

/**
 * What a thread is about, kept in the store so that another replica can answer the next
 * question. Ids and the few names the paste gave (database, server...), never the paste itself.
 */
export interface ThreadContext {
  /** The entry the thread is about; null after a "did you mean" nobody has picked yet. */
  readonly entryId: string | null;
  /** Other entries to offer on "that's not it", best first. */
  readonly candidateIds: readonly string[];
  /** What the paste said besides its error, so follow-ups name the same database. */
  readonly details?: PasteDetails;
  /** Topics already answered in the thread, so "what else?" moves on. */
  readonly topics?: readonly string[];
}

export async function loadThread(deps: CoreDeps, place: Place): Promise<ThreadContext | undefined> {
  return deps.store.get<ThreadContext>(keys.thread(place));
}

export async function saveThread(deps: CoreDeps, place: Place, context: ThreadContext): Promise<void> {
  await deps.store.set(keys.thread(place), context, deps.limits.threadTtlMs);
}
