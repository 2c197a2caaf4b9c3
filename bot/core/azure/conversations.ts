import type { Platforms } from '../platform.ts';
import type { Place } from '../types.ts';
import type { Conversations } from './side.ts';

/**
 * The started platforms as the Azure side's Conversations. The platforms start after the core
 * is built (they need it), so they are looked up when a post is made, not when this is made.
 */
export function conversationsOf(platforms: () => Platforms): Conversations {
  const platformOf = (place: Place) => {
    const platform = platforms().get(place.platform);
    if (!platform) throw new Error(`azure: ${place.platform} is not configured on this bot`);
    return platform;
  };
  return {
    post: (place, reply) => platformOf(place).post(place, reply),
    update: (place, id, reply) => platformOf(place).update(place, id, reply),
    replyPlace: (place, id) => platformOf(place).replyPlace(place, id),
    membersOf: async (place, group) => (await platformOf(place).membersOf?.(place, group)) ?? [],
  };
}
