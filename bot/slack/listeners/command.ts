import type { App } from '@slack/bolt';
import { renderSlack } from '../../cards/slack-blocks.ts';
import { handle } from '../../core/handle.ts';
import type { Incoming, Place } from '../../core/types.ts';
import { failure, SORRY, type SlackDeps } from '../deps.ts';
import { spaceOf } from '../place.ts';

export const COMMAND = '/sqlbackup';

/**
 * `/sqlbackup …`: acknowledged at once (Slack gives up after 3 seconds), then answered
 * privately through response_url, which works even in channels the bot is not in.
 */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const place: Place = {
      platform: 'slack',
      team: command.team_id,
      channel: command.channel_id,
      thread: null,
      space: command.channel_name === 'directmessage' ? 'dm' : spaceOf(command.channel_id),
    };
    const incoming: Incoming = { type: 'command', id: command.trigger_id, user: command.user_id, place, text: command.text };
    const log = deps.logger.child({ listener: 'command', channel: command.channel_id });
    try {
      const reply = await handle(incoming, deps.core);
      if (reply) {
        await respond({ response_type: 'ephemeral', ...renderSlack(reply) });
        log.info({ reply: reply.body.kind }, 'answered a slash command');
      }
    } catch (error) {
      log.error(failure(error), 'could not answer a slash command');
      await respond({ response_type: 'ephemeral', text: SORRY }).catch(
        (e: unknown) => log.warn(failure(e), 'could not tell the user either'),
      );
    }
  });
}
