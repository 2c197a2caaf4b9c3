import { z } from 'zod';

/**
 * A button press on one of the bot's cards. Slack hands the action back as a button's value and
 * Teams as an Action.Submit's data; anyone can post either, so both adapters check it with
 * this one schema, and the type is derived from it so the two can never drift apart.
 */

const entryId = z.string().min(1).max(200);

export const cardActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pick'), entryId }).readonly(),
  z.strictObject({ kind: z.literal('feedback'), entryId, helpful: z.boolean() }).readonly(),
  z
    .strictObject({
      kind: z.literal('share'),
      entryIds: z.array(entryId).min(1).max(10).readonly(),
      // Set on an answer to a message shortcut: Share posts under the message it was asked about.
      thread: z.string().regex(/^\d{1,12}\.\d{1,8}$/).optional(),
    })
    .readonly(),
  z.strictObject({ kind: z.literal('more'), entryId }).readonly(),
  z
    .strictObject({
      kind: z.literal('alert'),
      op: z.enum(['ack', 'mute', 'unmute', 'close']),
      problemId: z.string().regex(/^[0-9a-f]{24}$/),
      hours: z.union([z.literal(0), z.literal(8), z.literal(24)]).optional(),
    })
    .readonly(),
  z
    .strictObject({
      kind: z.literal('azure'),
      // jobs: list recent jobs; backup: ask to confirm; confirm/cancel: the confirmation's answer.
      op: z.enum(['jobs', 'backup', 'confirm', 'cancel']),
      ref: z.string().regex(/^[0-9a-f]{24}$/),
      // One per confirmation shown: a confirmation pressed twice starts one backup.
      nonce: z.string().regex(/^[0-9a-f]{16}$/).optional(),
      days: z.number().int().min(1).max(36_500).optional(),
    })
    .readonly(),
]);

export type CardAction = z.infer<typeof cardActionSchema>;

/** An action read back from a platform, or null for anything the bot did not make. */
export function parseCardAction(value: unknown): CardAction | null {
  const parsed = cardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
