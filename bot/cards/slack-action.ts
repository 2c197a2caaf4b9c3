import { z } from 'zod';
import type { CardAction } from '../core/types.ts';

/** Every button of ours has an action_id starting with this, so one listener catches them. */
export const ACTION_PREFIX = 'sqlbackup:';
export const ACTION_ID_PATTERN = /^sqlbackup:/;

const id = z.string().min(1).max(200);
const actionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pick'), entryId: id }),
  z.strictObject({ kind: z.literal('feedback'), entryId: id, helpful: z.boolean() }),
  z.strictObject({ kind: z.literal('share'), entryIds: z.array(id).min(1).max(10) }),
  z.strictObject({ kind: z.literal('more'), entryId: id }),
  z.strictObject({
    kind: z.literal('alert'),
    op: z.enum(['ack', 'mute', 'unmute']),
    problemId: z.string().regex(/^[0-9a-f]{24}$/),
    hours: z.union([z.literal(0), z.literal(8), z.literal(24)]).optional(),
  }),
]);

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
    const parsed = actionSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
