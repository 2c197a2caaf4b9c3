import type { WebClient } from '@slack/web-api';
import { handle } from '../../core/handle.ts';
import type { Incoming, Reply } from '../../core/types.ts';
import { postReply } from '../deliver.ts';
import { failure, SORRY, type SlackDeps } from '../deps.ts';

/**
 * The shared tail of the message listeners: decide, post where the message was said, and
 * log the outcome. A failure is logged with its context and never reaches Bolt, so one
 * conversation cannot break another; whoever asked directly is told to try again.
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
    // Someone who asked the bot directly is waiting for an answer; an unasked paste is not.
    if (!incoming.addressed) return;
    const sorry: Reply = { body: { kind: 'notice', text: SORRY }, delivery: incoming.place.space === 'dm' ? 'thread' : 'ephemeral' };
    await postReply(client, sorry, { channel, thread: incoming.place.thread, user: incoming.user }).catch((e: unknown) =>
      log.warn(failure(e), 'could not tell the user either'),
    );
  }
}
