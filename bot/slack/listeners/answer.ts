import type { WebClient } from '@slack/web-api';
import { handle } from '../../core/handle.ts';
import type { Incoming } from '../../core/types.ts';
import { postReply } from '../deliver.ts';
import { failure, type SlackDeps } from '../deps.ts';

/**
 * The shared tail of the message listeners: decide, post where the message was said, and
 * log the outcome. A failure is logged with its context and never reaches Bolt, so one
 * conversation cannot break another.
 */
export async function answerMessage(
  deps: SlackDeps,
  client: WebClient,
  incoming: Extract<Incoming, { type: 'message' }>,
  listener: 'app_mention' | 'message',
  channel: string,
): Promise<void> {
  const log = deps.logger.child({ listener, eventId: incoming.id, channel });
  try {
    const reply = await handle(incoming, deps.core);
    if (!reply) return;
    await postReply(client, reply, { channel, thread: incoming.place.thread, user: incoming.user });
    log.info({ reply: reply.body.kind, delivery: reply.delivery }, `answered a ${listener === 'app_mention' ? 'mention' : 'message'}`);
  } catch (error) {
    log.error(failure(error), `could not answer a ${listener === 'app_mention' ? 'mention' : 'message'}`);
  }
}
