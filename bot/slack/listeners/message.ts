import type { App } from '@slack/bolt';
import type { Incoming } from '../../core/types.ts';
import { answer } from '../answer.ts';
import type { SlackDeps } from '../deps.ts';
import { placeOf, stripMention, unescapeSlack } from '../place.ts';

/**
 * Subtypes that are still a person saying something: a paste with a screenshot attached
 * (file_share) and a thread reply also sent to the channel (thread_broadcast).
 */
const SAID = new Set(['file_share', 'thread_broadcast']);

/**
 * Messages in channels and private channels the bot is in (channel mode) and in DMs
 * (direct mode). Only user messages count: edits, deletions, joins, bot posts (the bot's own
 * included) and every other subtype are ignored.
 */
export function registerMessage(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, context, client }) => {
    if (event.subtype !== undefined && !SAID.has(event.subtype)) return;
    if (!('user' in event) || !event.user || event.user === context.botUserId) return;
    if ('bot_id' in event && event.bot_id !== undefined) return;
    const raw = ('text' in event ? event.text : undefined) ?? '';
    const dm = event.channel_type === 'im';
    // A mention in a channel also arrives as app_mention, which answers it; answering here too would double up.
    if (!dm && context.botUserId && raw.includes(`<@${context.botUserId}`)) return;
    const text = unescapeSlack(dm ? stripMention(raw, context.botUserId) : raw);

    const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
    const place = placeOf(body.team_id, event.channel, event.ts, threadTs, event.channel_type);
    const incoming: Incoming = { type: 'message', id: body.event_id, user: event.user, place, text, addressed: dm };
    const log = deps.logger.child({ listener: 'message', eventId: body.event_id, channel: event.channel });
    // Someone who wrote to the bot directly is waiting for an answer; an unasked paste is not.
    await answer(deps, client, incoming, { place, user: event.user }, log, dm);
  });
}
