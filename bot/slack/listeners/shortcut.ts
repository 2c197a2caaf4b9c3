import type { App, MessageShortcut, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { ACTION_PREFIX } from '../../cards/slack-action.ts';
import type { Incoming } from '../../core/types.ts';
import type { Logger } from '../../ops/logger.ts';
import { answer } from '../answer.ts';
import { failure, type SlackDeps } from '../deps.ts';
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
    const privately = orByDm(respond, client, shortcut.user.id, log);
    await answer(deps, client, incoming, { place, user: shortcut.user.id, respond: privately, shareThread: thread }, log, true);
  });
}

/**
 * response_url first (it reaches the user anywhere); should it fail (expired, refused), the
 * answer goes to the user's DM with the bot instead. Without Share there: from a DM it would
 * post into the DM, not under the message asked about.
 */
function orByDm(respond: RespondFn, client: WebClient, user: string, log: Logger): RespondFn {
  return async (message) => {
    try {
      return await respond(message);
    } catch (error) {
      log.info(failure(error), 'shortcut: response_url failed; answering by DM');
      // What deliver hands to respond: a rendered message (text and blocks) plus response_url flags.
      const m = (typeof message === 'string' ? { text: message } : message) as { text?: string; blocks?: KnownBlock[] };
      const isShare = (b: KnownBlock) => b.type === 'actions' && b.elements.every((e) => 'action_id' in e && (e.action_id ?? '').startsWith(`${ACTION_PREFIX}share:`));
      const blocks = m.blocks?.filter((b) => !isShare(b));
      await client.chat.postMessage({ channel: user, text: m.text ?? '', ...(blocks ? { blocks } : {}), unfurl_links: false, unfurl_media: false });
      // Nobody reads respond's HTTP result (deliver awaits it only to know it is done).
      return undefined as unknown as Awaited<ReturnType<RespondFn>>;
    }
  };
}
