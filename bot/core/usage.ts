import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';

const DAY_MS = 86_400_000;
/** Long enough for the 30-day statistics, with room for a reader late in the day. */
const KEEP_MS = 40 * DAY_MS;

export type UsageEvent = 'answered' | 'helpful' | 'unhelpful';

export interface UsageRow {
  readonly id: string;
  readonly answered: number;
  readonly helpful: number;
  readonly unhelpful: number;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * One hash of counters per UTC day, fields `<entry id>:<event>`: a 30-day report reads 30
 * keys whatever the size of the catalog, which matters when the store is Redis.
 */
export async function countUsage(deps: CoreDeps, entryId: string, event: UsageEvent): Promise<void> {
  await deps.store.hincr(keys.usage(dayOf(deps.clock())), `${entryId}:${event}`, 1, KEEP_MS);
}

/** Totals per entry over the last `days` days, today included; most answered first. */
export async function usageOver(deps: CoreDeps, days: number): Promise<UsageRow[]> {
  const now = deps.clock();
  const hashes = await Promise.all(
    Array.from({ length: days }, (_, i) => deps.store.hgetall(keys.usage(dayOf(now - i * DAY_MS)))),
  );
  const rows = new Map<string, { answered: number; helpful: number; unhelpful: number }>();
  for (const hash of hashes) {
    for (const [field, count] of Object.entries(hash)) {
      const cut = field.lastIndexOf(':');
      const id = field.slice(0, cut);
      const event = field.slice(cut + 1);
      if (event !== 'answered' && event !== 'helpful' && event !== 'unhelpful') continue;
      const row = rows.get(id) ?? { answered: 0, helpful: 0, unhelpful: 0 };
      row[event] += count;
      rows.set(id, row);
    }
  }
  return [...rows]
    .map(([id, row]) => ({ id, ...row }))
    .sort((a, b) => b.answered - a.answered || b.helpful + b.unhelpful - (a.helpful + a.unhelpful) || a.id.localeCompare(b.id));
}
