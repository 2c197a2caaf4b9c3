import type { App } from '@slack/bolt';
import type { Incoming } from '../../core/types.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf, stripMention } from '../place.ts';
import { answerMessage } from './answer.ts';

/**
 * Messages in channels and private channels the bot is in (channel mode) and in DMs
 * (direct mode). Only plain user messages count: edits, deletions, joins, bot posts (the
 * bot's own included) and every other subtype are ignored.
 */
export function registerMessage(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, context, client }) => {
    if (event.subtype !== undefined || event.bot_id !== undefined || !event.user) return;
    if (event.user === context.botUserId) return;
    const raw = event.text ?? '';
    const dm = event.channel_type === 'im';
    // A mention in a channel also arrives as app_mention, which answers it; answering here too would double up.
    if (!dm && context.botUserId && raw.includes(`<@${context.botUserId}`)) return;
    const text = dm ? stripMention(raw, context.botUserId) : raw;

    const place = placeOf(body.team_id, event.channel, event.ts, event.thread_ts, event.channel_type);
    const incoming: Extract<Incoming, { type: 'message' }> = { type: 'message', id: body.event_id, user: event.user, place, text, addressed: dm };
    await answerMessage(deps, client, incoming, 'message', event.channel);
  });
}
