import { createHash } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import type { AzureButtons, Place } from '../types.ts';
import type { ProtectedDatabase } from './port.ts';

/**
 * What a card's Azure buttons act on, kept in the store: a button carries only `ref`, and a
 * press counts only in the conversation the card was posted in, so nobody can aim the bot's
 * identity at another vault by posting a crafted button value.
 */
interface Target {
  readonly platform: Place['platform'];
  readonly team: string;
  readonly channel: string;
  readonly db: ProtectedDatabase;
}

const TARGET_TTL_MS = 30 * 24 * 3_600_000;
const key = (ref: string) => `azure:target:${ref}`;

/** Stable per conversation and database, so two replicas drawing the same card agree on it. */
export function targetRef(place: Place, db: ProtectedDatabase): string {
  const ids = [place.platform, place.team, place.channel, db.subscription, db.resourceGroup, db.vault, db.container, db.item];
  return createHash('sha256').update(ids.join('\n').toLowerCase()).digest('hex').slice(0, 24);
}

export async function keepTarget(deps: CoreDeps, place: Place, db: ProtectedDatabase): Promise<string> {
  const ref = targetRef(place, db);
  const target: Target = { platform: place.platform, team: place.team, channel: place.channel, db };
  await deps.store.set(key(ref), target, TARGET_TTL_MS);
  return ref;
}

export async function targetOf(deps: CoreDeps, place: Place, ref: string): Promise<ProtectedDatabase | undefined> {
  const target = await deps.store.get<Target>(key(ref));
  const here = target && target.platform === place.platform && target.team === place.team && target.channel === place.channel;
  return here ? target.db : undefined;
}

/** The buttons for a card about `db`, or none when the team did not opt in. */
export async function azureButtons(deps: CoreDeps, place: Place, db: ProtectedDatabase, backup: boolean): Promise<AzureButtons | undefined> {
  if (!deps.azure) return undefined;
  return { ref: await keepTarget(deps, place, db), backup };
}
