import type { CoreDeps } from '../deps.ts';
import { keyPart } from '../keys.ts';
import type { Place } from '../types.ts';

/**
 * AZURE_ACTIONS_ALLOWED: who may change anything in Azure from the card. Slack user ids
 * (U…/W…), Slack user-group ids (S…, resolved through the Web API) and Teams users' Entra
 * object ids (GUIDs), separated by commas or spaces. Anything else is refused at start, so a
 * typo cannot silently lock everyone out or, worse, read as somebody else.
 */
export interface AllowList {
  readonly users: ReadonlySet<string>;
  readonly slackGroups: ReadonlySet<string>;
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_GROUP = /^S[A-Z0-9]{2,}$/;
const ENTRA_OBJECT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseAllowList(text: string | undefined): AllowList | { readonly error: string } {
  const users = new Set<string>();
  const slackGroups = new Set<string>();
  for (const id of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (SLACK_USER.test(id)) users.add(id);
    else if (SLACK_GROUP.test(id)) slackGroups.add(id);
    else if (ENTRA_OBJECT.test(id)) users.add(id.toLowerCase());
    else return { error: `AZURE_ACTIONS_ALLOWED: "${id.slice(0, 40)}" is not a Slack user id (U…), a Slack user-group id (S…) or a Teams user's Entra object id (a GUID)` };
  }
  return { users, slackGroups };
}

/** A group's members are looked up again after this, so a removal takes effect within minutes. */
const GROUP_TTL_MS = 5 * 60_000;

/** True when `user` may start a backup or change an alert's state. */
export async function mayWrite(deps: CoreDeps, place: Place, user: string): Promise<boolean> {
  const azure = deps.azure;
  if (!azure) return false;
  const { users, slackGroups } = azure.allowed;
  if (users.has(place.platform === 'teams' ? user.toLowerCase() : user)) return true;
  if (place.platform !== 'slack') return false;
  for (const group of slackGroups) {
    if ((await groupMembers(deps, place, group)).includes(user)) return true;
  }
  return false;
}

async function groupMembers(deps: CoreDeps, place: Place, group: string): Promise<readonly string[]> {
  const key = `azure:group:${keyPart(place.team)}:${keyPart(group)}`;
  const cached = await deps.store.get<string[]>(key);
  if (cached) return cached;
  try {
    const members = [...(await deps.azure!.conversations.membersOf(place, group))];
    await deps.store.set(key, members, GROUP_TTL_MS);
    return members;
  } catch (error) {
    // A group that cannot be read grants nothing; the refusal says how to get access.
    deps.logger.warn({ group, err: (error as Error).message }, 'could not read a Slack user group for AZURE_ACTIONS_ALLOWED');
    return [];
  }
}
