import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_ID_PATTERN, decodeAction } from '../../cards/slack-action.ts';
import type { Incoming } from '../../core/types.ts';
import { answer } from '../answer.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf } from '../place.ts';

/** Button presses on the bot's cards: pick, feedback, share, show the rest, alert buttons. */
export function registerAction(app: App, deps: SlackDeps): void {
  // Link buttons (Docs) also send an interaction; it needs an ack and nothing else.
  app.action(/^sqlbackup-link:/, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async ({ ack, body, action, respond, client }) => {
    await ack();
    const log = deps.logger.child({ listener: 'action', actionId: action.action_id, channel: body.channel?.id });
    const cardAction = decodeAction(action.value);
    if (!cardAction || !body.channel) {
      log.warn('ignored a button press we cannot read');
      return;
    }
    const message = body.message;
    const team = body.team?.id ?? body.user.team_id ?? '';
    const place = placeOf(team, body.channel.id, message?.ts, message?.['thread_ts'] as string | undefined);
    const incoming: Incoming = { type: 'action', id: `${body.trigger_id}:${action.action_id}`, user: body.user.id, place, action: cardAction };
    const privately = body.container?.is_ephemeral === true || !message;
    const shareThread = cardAction.kind === 'share' ? cardAction.thread : undefined;
    const target = { place, user: body.user.id, respond, privately, triggerId: body.trigger_id, ...(shareThread ? { shareThread } : {}) };
    await answer(deps, client, incoming, target, log, true);
  });
}
