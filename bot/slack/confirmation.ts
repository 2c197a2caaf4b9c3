import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { RETENTION_INPUT } from '../cards/azure-text.ts';
import { CONFIRM_CALLBACK, RETENTION_BLOCK } from '../cards/slack-azure.ts';
import { parseCardAction } from '../core/card-action.ts';
import type { Incoming, Place } from '../core/types.ts';
import { answer } from './answer.ts';
import type { SlackDeps } from './deps.ts';

/**
 * The full-backup confirmation modal. Its private_metadata says where the button was pressed,
 * so the started job's card lands in that thread; the action itself (ref and nonce) rides
 * with it and is checked like any button value, since a client can submit anything.
 */
const metadataSchema = z.strictObject({
  place: z.strictObject({
    platform: z.literal('slack'),
    team: z.string().max(50),
    channel: z.string().max(50),
    thread: z.string().max(50).nullable(),
    space: z.enum(['channel', 'group', 'dm']),
  }),
  action: z.unknown(),
});

export function confirmationMetadata(place: Place, action: unknown): string {
  return JSON.stringify({ place, action });
}

export function registerConfirmation(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(CONFIRM_CALLBACK, async ({ ack, body, view, client }) => {
    // Closes the modal at once; what happened is told in the channel, privately, and in the thread.
    await ack();
    const log = deps.logger.child({ listener: 'confirmation' });
    let parsed: z.infer<typeof metadataSchema>;
    try {
      parsed = metadataSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      log.warn('ignored a confirmation we cannot read');
      return;
    }
    const typed = Number(view.state.values[RETENTION_BLOCK]?.[RETENTION_INPUT]?.value);
    const action = parseCardAction({ ...(parsed.action as object), ...(Number.isInteger(typed) ? { days: typed } : {}) });
    if (!action || action.kind !== 'azure' || action.op !== 'confirm') {
      log.warn('ignored a confirmation we cannot read');
      return;
    }
    const place = parsed.place;
    // The bot wrote the metadata, and Slack returns it only to its workspace; checked anyway.
    if (body.team?.id !== undefined && body.team.id !== place.team) {
      log.warn('ignored a confirmation from another workspace');
      return;
    }
    const incoming: Incoming = { type: 'action', id: `view:${view.id}`, user: body.user.id, place, action };
    await answer(deps, client, incoming, { place, user: body.user.id }, log, true);
  });
}
