import type { Place } from './types.ts';

/**
 * Every character that could make one id read as two, or a key act as a pattern: the ':'
 * separator, '%' (the escape itself), Redis glob characters, cluster hash-tag braces, '-'
 * (the marker for "no thread"), whitespace and control characters (CR and LF included).
 */
const UNSAFE = /[\u0000-\u0020\u007f%:*?[\]\\{}-]/g;

/**
 * One id as a key part: unsafe characters become %XX, so a part never contains the
 * separator and distinct ids give distinct keys (team "T1:C9" with channel "1" is not team
 * "T1" with channel "C9:1"). Slack ids (T…, C…, U…, 1700000000.000100) contain none of them
 * and read the same as before.
 */
export function keyPart(id: string): string {
  return id.replace(UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A thread's part: '-' for none, which no encoded id can be ('-' itself is escaped). */
const threadPart = (thread: string | null): string => (thread === null ? '-' : keyPart(thread));

const join = (...parts: readonly string[]): string => parts.join(':');

/**
 * Store keys in one place, so the shape of shared state between replicas is visible at a
 * glance. The fixed words are literal; every id from a platform goes through keyPart.
 */
export const keys = {
  // Scoped to the conversation: a Teams activity id is a timestamp, unique only within one.
  delivery: (place: Place, id: string) => join('dedupe', place.platform, keyPart(place.team), keyPart(place.channel), keyPart(id)),
  thread: (place: Place) => join('thread', place.platform, keyPart(place.team), keyPart(place.channel), threadPart(place.thread)),
  watch: (place: Place) => join('watch', place.platform, keyPart(place.team), keyPart(place.channel)),
  userRate: (place: Place, user: string) => join('rate', 'user', place.platform, keyPart(place.team), keyPart(user)),
  channelRate: (place: Place) => join('rate', 'channel', place.platform, keyPart(place.team), keyPart(place.channel)),
  usage: (day: string) => join('usage', keyPart(day)),
  vote: (place: Place, user: string, entryId: string) =>
    join('vote', place.platform, keyPart(place.team), keyPart(place.channel), threadPart(place.thread), keyPart(user), keyPart(entryId)),
};
