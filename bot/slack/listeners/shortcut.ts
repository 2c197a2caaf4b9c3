import type { App, MessageShortcut } from '@slack/bolt';
import type { Incoming } from '../../core/types.ts';
import { answer } from '../answer.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf, unescapeSlack } from '../place.ts';

/** The callback_id of the "Explain this error" message shortcut; the manifests declare the same. */
export const EXPLAIN_SHORTCUT = 'sqlbackup_explain';

/**
 * "Explain this error" on any message the user can see, in channels the bot is not in too.
 * Acknowledged at once, then read as `/sqlbackup lookup <the message>` would be: a direct
 * question whose answer only the asker sees, through response_url. Its Share posts under the
 * message asked about, so the answer lands where the error was.
 */
export function registerShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: EXPLAIN_SHORTCUT, type: 'message_action' }, async ({ shortcut, ack, respond, client }) => {
    await ack();
    const message = shortcut.message;
    const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    // Bolt types the rest of the message loosely; a reply in a thread carries its root here.
    const root = typeof message['thread_ts'] === 'string' ? message['thread_ts'] : undefined;
    const thread = root ?? message.ts;
    const place = placeOf(team, shortcut.channel.id, message.ts, root);
    // "lookup" keeps a message that starts with "watch off" or "help" from running as a command.
    const text = `lookup ${unescapeSlack(message.text ?? '')}`;
    const incoming: Incoming = { type: 'command', id: shortcut.trigger_id, user: shortcut.user.id, place, text };
    const log = deps.logger.child({ listener: 'shortcut', channel: shortcut.channel.id });
    await answer(deps, client, incoming, { place, user: shortcut.user.id, respond, shareThread: thread }, log, true);
  });
}
