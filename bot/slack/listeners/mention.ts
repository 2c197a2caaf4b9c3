import type { App } from '@slack/bolt';
import type { Incoming } from '../../core/types.ts';
import { answer } from '../answer.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf, stripMention, unescapeSlack } from '../place.ts';

/** "@sqlbackup …" in a channel: direct mode, always an answer, in the message's thread. */
export function registerMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    if (event.bot_id !== undefined || !event.user || event.user === context.botUserId) return;
    if (event.subtype !== undefined) return;
    const place = placeOf(body.team_id, event.channel, event.ts, event.thread_ts);
    const text = unescapeSlack(stripMention(event.text, context.botUserId));
    const incoming: Incoming = { type: 'message', id: body.event_id, user: event.user, place, text, addressed: true };
    const log = deps.logger.child({ listener: 'app_mention', eventId: body.event_id, channel: event.channel });
    await answer(deps, client, incoming, { place, user: event.user }, log, true);
  });
}
