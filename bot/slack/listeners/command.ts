import type { App } from '@slack/bolt';
import type { Incoming } from '../../core/types.ts';
import { answer } from '../answer.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf } from '../place.ts';

export const COMMAND = '/sqlbackup';

/**
 * `/sqlbackup …`: acknowledged at once (Slack gives up after 3 seconds), then answered
 * privately through response_url, which works even in channels the bot is not in.
 */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const place = placeOf(command.team_id, command.channel_id, undefined, undefined, command.channel_name === 'directmessage' ? 'im' : undefined);
    const incoming: Incoming = { type: 'command', id: command.trigger_id, user: command.user_id, place, text: command.text };
    const log = deps.logger.child({ listener: 'command', channel: command.channel_id });
    await answer(deps, client, incoming, { place, user: command.user_id, respond }, log, true);
  });
}
