import type { WebClient } from '@slack/web-api';
import { renderSlack } from '../cards/slack-blocks.ts';
import type { Reply } from '../core/types.ts';

/**
 * Posting a reply where a message was said: in its thread, or privately to the author.
 * Returns the ts of a visible post (the root of a new thread for shared cards).
 */
export async function postReply(
  client: WebClient,
  reply: Reply,
  target: { channel: string; thread: string | null; user: string },
): Promise<string | undefined> {
  const { text, blocks } = renderSlack(reply);
  const thread = target.thread === null ? {} : { thread_ts: target.thread };
  if (reply.delivery === 'ephemeral') {
    await client.chat.postEphemeral({ channel: target.channel, user: target.user, text, blocks, ...thread });
    return undefined;
  }
  const posted = await client.chat.postMessage({
    channel: target.channel,
    text,
    blocks,
    ...(reply.delivery === 'thread' ? thread : {}),
    // Links in an answer point at docs; previews would bury the answer.
    unfurl_links: false,
    unfurl_media: false,
  });
  return posted.ts;
}
