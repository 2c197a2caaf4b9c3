import type { App } from '@slack/bolt';
import type { Incoming } from '../../core/types.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf, stripMention, unescapeSlack } from '../place.ts';
import { answerMessage } from './answer.ts';

/** "@sqlbackup …" in a channel: direct mode, always an answer, in the message's thread. */
export function registerMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    if (event.bot_id !== undefined || !event.user || event.user === context.botUserId) return;
    if (event.subtype !== undefined) return;
    const place = placeOf(body.team_id, event.channel, event.ts, event.thread_ts);
    const text = unescapeSlack(stripMention(event.text, context.botUserId));
    const incoming: Extract<Incoming, { type: 'message' }> = { type: 'message', id: body.event_id, user: event.user, place, text, addressed: true };
    await answerMessage(deps, client, incoming, 'app_mention', event.channel);
  });
}
