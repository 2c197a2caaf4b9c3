import type { Place } from '../core/types.ts';

/** Slack channel ids say what they are: D… direct message, G… private (legacy), C… channel. */
export function spaceOf(channel: string, channelType?: string): Place['space'] {
  if (channelType === 'im' || channel.startsWith('D')) return 'dm';
  if (channelType === 'group' || channelType === 'mpim' || channel.startsWith('G')) return 'group';
  return 'channel';
}

/**
 * Where a message, a slash command or a button press lives; the one place this is decided.
 * In channels every answer goes in a thread, so the thread is the message's own ts when it
 * is not already in one; in DMs the bot answers inline and the conversation itself is the
 * context. A slash command has no message (`ts` undefined): it lives in no thread.
 */
export function placeOf(team: string, channel: string, ts: string | undefined, threadTs: string | undefined, channelType?: string): Place {
  const space = spaceOf(channel, channelType);
  const thread = threadTs ?? (space === 'dm' || ts === undefined ? null : ts);
  return { platform: 'slack', team, channel, thread, space };
}

/** Removes mentions of the bot, so "@sqlbackup log chain broken" classifies as the words alone. */
export function stripMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.trim();
  return text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ').trim();
}

/**
 * Slack escapes `&`, `<` and `>` in event text (and keeps `<...>` for its own mentions and
 * links). Decoded once here, so the classifier reads what the user typed and the cards, which
 * escape everything they echo, do not show `&amp;lt;`.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
