import { refOf } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import type { ReplyBody, StatsRow, StatsWindow } from './types.ts';
import { usageOver } from './usage.ts';

export const STATS_WINDOWS = [7, 30] as const;
const TOP = 5;

async function windowOf(deps: CoreDeps, days: number): Promise<StatsWindow> {
  const rows = await usageOver(deps, days);
  const top: StatsRow[] = [];
  for (const row of rows) {
    // An entry an operator removed since is still counted in the total, not listed.
    const entry = deps.catalog.get(row.id);
    if (!entry || row.answered === 0) continue;
    top.push({ ...refOf(entry), answered: row.answered, helpful: row.helpful, unhelpful: row.unhelpful });
    if (top.length === TOP) break;
  }
  return { days, answered: rows.reduce((n, r) => n + r.answered, 0), top };
}

/** `/sqlbackup stats` (Slack) and `stats` (Teams): the errors the team keeps hitting. */
export async function statsBody(deps: CoreDeps): Promise<ReplyBody> {
  return { kind: 'stats', windows: await Promise.all(STATS_WINDOWS.map((days) => windowOf(deps, days))) };
}
