import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import type { Place } from './types.ts';

/** Auto-detection is on unless someone in the channel switched it off. */
export async function isWatching(deps: CoreDeps, place: Place): Promise<boolean> {
  return (await deps.store.get<boolean>(keys.watch(place))) !== false;
}

export async function setWatching(deps: CoreDeps, place: Place, on: boolean): Promise<void> {
  // "on" is the default, so it is stored as the absence of "off".
  if (on) await deps.store.delete(keys.watch(place));
  else await deps.store.set(keys.watch(place), false);
}
