import { parseCardAction, type CardAction } from '../core/card-action.ts';

/** Every button of ours has an action_id starting with this, so one listener catches them. */
export const ACTION_PREFIX = 'sqlbackup:';
export const ACTION_ID_PATTERN = /^sqlbackup:/;

/**
 * Slack requires action_ids to be unique within a message, so the position is part of it;
 * the value carries the action itself.
 */
export function actionId(action: CardAction, position: number): string {
  return `${ACTION_PREFIX}${action.kind}:${position}`;
}

export function encodeAction(action: CardAction): string {
  return JSON.stringify(action);
}

/** The value of a clicked button back into an action; null for anything we did not make. */
export function decodeAction(value: string | undefined): CardAction | null {
  if (value === undefined || value.length > 2000) return null;
  try {
    return parseCardAction(JSON.parse(value));
  } catch {
    return null;
  }
}
