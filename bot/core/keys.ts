import type { Place } from './types.ts';

/**
 * Store keys in one place, so the shape of shared state between replicas is visible at a
 * glance. A Teams conversation id may contain ':' and ';', which is fine inside a key.
 */
export const keys = {
  // Scoped to the conversation: a Teams activity id is a timestamp, unique only within one.
  delivery: (place: Place, id: string) => `dedupe:${place.platform}:${place.team}:${place.channel}:${id}`,
  thread: (place: Place) => `thread:${place.platform}:${place.team}:${place.channel}:${place.thread ?? '-'}`,
  watch: (place: Place) => `watch:${place.platform}:${place.team}:${place.channel}`,
  userRate: (place: Place, user: string) => `rate:user:${place.platform}:${place.team}:${user}`,
  channelRate: (place: Place) => `rate:channel:${place.platform}:${place.team}:${place.channel}`,
  usage: (day: string) => `usage:${day}`,
  vote: (place: Place, user: string, entryId: string) =>
    `vote:${place.platform}:${place.team}:${place.channel}:${place.thread ?? '-'}:${user}:${entryId}`,
};
