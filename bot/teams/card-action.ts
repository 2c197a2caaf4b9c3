import { z } from 'zod';
import { SUBMIT_KEY } from '../cards/adaptive-elements.ts';
import type { CardAction } from '../core/types.ts';

/**
 * Reads the CardAction back from an Action.Submit. Teams returns the card's `data` as the
 * activity's `value`, but anyone can post any `value`, so it is checked, not trusted.
 */

const entryId = z.string().min(1).max(200);

const cardAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pick'), entryId }),
  z.strictObject({ kind: z.literal('feedback'), entryId, helpful: z.boolean() }),
  z.strictObject({ kind: z.literal('share'), entryIds: z.array(entryId).min(1).max(10) }),
  z.strictObject({ kind: z.literal('more'), entryId }),
  z.strictObject({
    kind: z.literal('alert'),
    op: z.enum(['ack', 'mute', 'unmute']),
    problemId: z.string().regex(/^[0-9a-f]{24}$/),
    hours: z.union([z.literal(0), z.literal(8), z.literal(24)]).optional(),
  }),
]);

export function cardActionOf(value: unknown): CardAction | null {
  if (value === null || typeof value !== 'object') return null;
  const parsed = cardAction.safeParse((value as Record<string, unknown>)[SUBMIT_KEY]);
  return parsed.success ? parsed.data : null;
}
