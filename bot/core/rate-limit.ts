import type { Allowance, CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { Place } from './types.ts';

export type RateVerdict = { readonly ok: true } | { readonly ok: false; readonly tell: boolean; readonly note: string };

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? 'a minute' : `${m} minutes`;
}

/**
 * Fixed-window counters per user and per channel, shared by every replica through the
 * store. Only the first refusal in a window is told (a polite note); the rest stay silent,
 * so a flood of pastes cannot turn into a flood of notes.
 */
export async function checkRate(deps: CoreDeps, place: Place, user: string): Promise<RateVerdict> {
  const over = async (key: string, a: Allowance, who: string): Promise<RateVerdict | null> => {
    const n = await deps.store.incr(key, a.windowMs);
    if (n <= a.max) return null;
    return {
      ok: false,
      tell: n === a.max + 1,
      note: `I have answered ${who} ${a.max} times within ${minutes(a.windowMs)}, which is my limit. I'll answer again within ${minutes(a.windowMs)}.`,
    };
  };
  return (
    (await over(keys.userRate(place, user), deps.limits.perUser, 'you')) ??
    (await over(keys.channelRate(place), deps.limits.perChannel, 'this conversation')) ?? { ok: true }
  );
}
