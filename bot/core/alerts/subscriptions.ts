import type { CoreDeps } from '../deps.ts';
import type { Place } from '../types.ts';
import { alertKeys, placeKey } from './alert-keys.ts';
import { SEVERITIES, type AlertEvent, type Severity } from './parse.ts';

/** Which alerts a conversation wants; every filter given must hold. */
export interface AlertFilters {
  readonly vault?: string;
  readonly rg?: string;
  readonly sub?: string;
  /** This severity and worse (Sev0 is the worst). */
  readonly severity?: Severity;
}

export interface Subscription {
  readonly place: Place;
  readonly filters: AlertFilters;
}

/** A subscription is renewed whenever `alerts here` is said; one left alone for a year lapses. */
const TTL_MS = 365 * 24 * 3_600_000;
const FILTER_NAMES = ['vault', 'rg', 'sub', 'severity'] as const;

/** `vault=x rg=y severity=Sev2` → filters, or a sentence saying what is wrong. */
export function parseFilters(words: readonly string[]): AlertFilters | string {
  const filters: Record<string, string> = {};
  for (const word of words) {
    const [name = '', value = ''] = word.split('=', 2);
    const key = FILTER_NAMES.find((n) => n === name.toLowerCase());
    if (!key || !value) return `I do not know the filter "${word}". Use vault=<name>, rg=<resource group>, sub=<subscription id> or severity=Sev0…Sev4.`;
    if (key === 'severity') {
      const severity = SEVERITIES.find((s) => s.toLowerCase() === value.toLowerCase());
      if (!severity) return `severity must be one of ${SEVERITIES.join(', ')}; got "${value}".`;
      filters[key] = severity;
    } else filters[key] = value;
  }
  return filters;
}

export function describeFilters(filters: AlertFilters): string {
  const parts = FILTER_NAMES.flatMap((n) => (filters[n] ? [n === 'severity' ? `severity ${filters[n]} and worse` : `${n}=${filters[n]}`] : []));
  return parts.length > 0 ? parts.join(', ') : 'every Azure Backup alert';
}

export function matches(filters: AlertFilters, alert: AlertEvent): boolean {
  const same = (a: string | null | undefined, b: string | undefined) => b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
  if (!same(alert.vault, filters.vault) || !same(alert.subscription, filters.sub)) return false;
  if (filters.rg !== undefined && !alert.resourceGroups.some((rg) => rg.toLowerCase() === filters.rg!.toLowerCase())) return false;
  return filters.severity === undefined || SEVERITIES.indexOf(alert.severity) <= SEVERITIES.indexOf(filters.severity);
}

export async function subscribe(deps: CoreDeps, subscription: Subscription): Promise<void> {
  const place = { ...subscription.place, thread: null };
  await deps.store.set(alertKeys.subscription(place), { ...subscription, place }, TTL_MS);
  const index = (await deps.store.get<string[]>(alertKeys.subscriptions())) ?? [];
  if (!index.includes(placeKey(place))) await deps.store.set(alertKeys.subscriptions(), [...index, placeKey(place)]);
}

export async function unsubscribe(deps: CoreDeps, place: Place): Promise<boolean> {
  const had = (await subscriptionOf(deps, place)) !== undefined;
  await deps.store.delete(alertKeys.subscription({ ...place, thread: null }));
  return had;
}

export async function subscriptionOf(deps: CoreDeps, place: Place): Promise<Subscription | undefined> {
  return deps.store.get<Subscription>(alertKeys.subscription({ ...place, thread: null }));
}

/** Every conversation subscribed in chat; one that said `alerts off` drops out here. */
export async function allSubscriptions(deps: CoreDeps): Promise<Subscription[]> {
  const index = (await deps.store.get<string[]>(alertKeys.subscriptions())) ?? [];
  const found = await Promise.all(
    index.map((key) => deps.store.get<Subscription>(alertKeys.subscriptionOf(key))),
  );
  return found.filter((s): s is Subscription => s !== undefined);
}
