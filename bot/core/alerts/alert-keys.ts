import { createHash } from 'node:crypto';
import { keyPart } from '../keys.ts';
import type { Place } from '../types.ts';

/**
 * Store keys of the alerts feature, beside the core's own (bot/core/keys.ts). Resource ids
 * run to hundreds of characters, so the protected item and code are hashed into keys.
 */
// JSON keeps the parts apart whatever they contain (a newline in an id cannot join two).
const digest = (...parts: string[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);

/** A conversation, whatever its thread. */
export const placeKey = (place: Pick<Place, 'platform' | 'team' | 'channel'>): string => `${place.platform}:${keyPart(place.team)}:${keyPart(place.channel)}`;

export const alertKeys = {
  /** One delivery of one alert: Fired and Resolved of the same alert are two. */
  delivery: (alertId: string, condition: string) => `alerts:delivery:${digest(alertId)}:${keyPart(condition)}`,
  subscription: (place: Place) => `alerts:sub:${placeKey(place)}`,
  /** The same key from the index's entry (a placeKey). */
  subscriptionOf: (key: string) => `alerts:sub:${key}`,
  subscriptions: () => 'alerts:subs',
  /** The problem id of the open problem of (conversation, protected item, code). */
  open: (place: Place, item: string, code: string) => `alerts:open:${digest(placeKey(place), item, code.toLowerCase())}`,
  problem: (id: string) => `alerts:problem:${id}`,
  /** Problem ids of a conversation, newest last (for `open`). */
  list: (place: Place) => `alerts:list:${placeKey(place)}`,
  lock: (place: Place, item: string, code: string) => `alerts:lock:${digest(placeKey(place), item, code.toLowerCase())}`,
  newProblemId: (place: Place, item: string, code: string, at: number) => digest(placeKey(place), item, code.toLowerCase(), String(at)),
};
