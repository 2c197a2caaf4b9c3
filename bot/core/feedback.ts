import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { Place } from './types.ts';

const DAY_MS = 86_400_000;
/** Long enough for 30-day statistics with room for late readers. */
const KEEP_MS = 40 * DAY_MS;

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Counts a vote per entry and day. One vote per user, card and entry: clicking twice (or a
 * button press that reached two replicas) must not inflate the statistics.
 */
export async function recordFeedback(deps: CoreDeps, place: Place, user: string, entryId: string, helpful: boolean): Promise<boolean> {
  const first = await deps.store.claim(`${keys.vote(place, user, entryId)}:${helpful ? 'y' : 'n'}`, KEEP_MS);
  if (!first) return false;
  await deps.store.hincr(keys.feedback(entryId, dayOf(deps.clock())), helpful ? 'helpful' : 'unhelpful', 1, KEEP_MS);
  return true;
}

/** Totals over the last `days` days, today included (for the statistics of issue 6). */
export async function feedbackTotals(deps: CoreDeps, entryId: string, days: number): Promise<{ helpful: number; unhelpful: number }> {
  const now = deps.clock();
  const totals = { helpful: 0, unhelpful: 0 };
  for (let i = 0; i < days; i++) {
    const day = await deps.store.hgetall(keys.feedback(entryId, dayOf(now - i * DAY_MS)));
    totals.helpful += day['helpful'] ?? 0;
    totals.unhelpful += day['unhelpful'] ?? 0;
  }
  return totals;
}
