import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { ThreadContext } from './thread-context.ts';
import type { Place } from './types.ts';

/**
 * The one way anything tells the core "the bot's answer now roots (or lives in) this thread,
 * and the thread is about this": an answer that went out, a card shared into a channel, an
 * alert's root card. Follow-ups there are then answered in that entry's context.
 * `ttlMs` lets an alert thread live as long as its problem; answers use the thread TTL.
 */
export async function threadStarted(deps: CoreDeps, place: Place, context: ThreadContext, ttlMs = deps.limits.threadTtlMs): Promise<void> {
  // Only threads carry a context; a top-level DM answer uses the conversation itself.
  if (place.thread === null && place.space !== 'dm') return;
  if (context.entryId === null && context.candidateIds.length === 0) return;
  await deps.store.set(keys.thread(place), context, ttlMs);
}
