import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { Place } from './types.ts';
import { countUsage } from './usage.ts';

/** A vote is remembered as long as the statistics that count it. */
const VOTE_KEEP_MS = 40 * 86_400_000;

/**
 * Counts a vote per entry and day. One vote per user, card and entry: clicking twice (or a
 * button press that reached two replicas) must not inflate the statistics.
 */
export async function recordFeedback(deps: CoreDeps, place: Place, user: string, entryId: string, helpful: boolean): Promise<boolean> {
  const first = await deps.store.claim(`${keys.vote(place, user, entryId)}:${helpful ? 'y' : 'n'}`, VOTE_KEEP_MS);
  if (!first) return false;
  deps.metrics?.feedback(entryId, helpful);
  await countUsage(deps, entryId, helpful ? 'helpful' : 'unhelpful');
  return true;
}
