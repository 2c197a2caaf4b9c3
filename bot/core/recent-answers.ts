import type { Entry } from '../../catalog/index.ts';
import type { CoreDeps } from './deps.ts';
import { keyPart } from './keys.ts';
import type { EntryRef, Place } from './types.ts';

/**
 * The last few entries each user was answered with, for the Slack Home tab's "your last
 * answers". One small JSON list per platform + team + user, with an expiry renewed on each
 * answer: ids and times only, never what the user wrote.
 */

/** How many answers a user's list keeps, newest first. */
export const RECENT_MAX = 5;
/** A month without an answer and the list is gone; nobody's Home tab needs older. */
export const RECENT_TTL_MS = 30 * 86_400_000;

interface Kept {
  readonly id: string;
  /** Epoch milliseconds of the answer. */
  readonly at: number;
}

export interface RecentAnswer extends EntryRef {
  readonly at: number;
}

/** Same conventions as keys.ts: fixed words literal, every platform id through keyPart. */
const recentKey = (place: Pick<Place, 'platform' | 'team'>, user: string): string =>
  ['recent', place.platform, keyPart(place.team), keyPart(user)].join(':');

function isKept(value: unknown): value is Kept {
  const v = value as Partial<Kept> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.at === 'number';
}

async function keptFor(deps: CoreDeps, place: Pick<Place, 'platform' | 'team'>, user: string): Promise<Kept[]> {
  const raw = await deps.store.get<unknown>(recentKey(place, user));
  // Whatever the store holds is read defensively: a value from an older version is dropped, not trusted.
  return Array.isArray(raw) ? raw.filter(isKept) : [];
}

/**
 * Puts the entries just answered at the head of the user's list; an entry answered again
 * moves up instead of showing twice. Read-modify-write: two answers to the same user at the
 * same instant on two replicas may keep only one of them, which a Home tab can live with.
 */
export async function recordAnswers(deps: CoreDeps, place: Place, user: string, entries: readonly Pick<Entry, 'id'>[]): Promise<void> {
  if (entries.length === 0) return;
  const at = deps.clock();
  const fresh = entries.map((e) => ({ id: e.id, at }));
  const ids = new Set(fresh.map((k) => k.id));
  const older = (await keptFor(deps, place, user)).filter((k) => !ids.has(k.id));
  await deps.store.set(recentKey(place, user), [...fresh, ...older].slice(0, RECENT_MAX), RECENT_TTL_MS);
}

/** The user's last answers, newest first, as the catalog names them now (an entry since removed is left out). */
export async function recentAnswers(deps: CoreDeps, place: Pick<Place, 'platform' | 'team'>, user: string): Promise<RecentAnswer[]> {
  const kept = await keptFor(deps, place, user);
  return kept
    .sort((a, b) => b.at - a.at)
    .slice(0, RECENT_MAX)
    .flatMap((k) => {
      const entry = deps.catalog.get(k.id);
      return entry ? [{ id: entry.id, title: entry.title, category: entry.category, at: k.at }] : [];
    });
}
