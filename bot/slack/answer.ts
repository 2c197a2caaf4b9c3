import type { WebClient } from '@slack/web-api';
import { handle } from '../core/handle.ts';
import { threadStarted } from '../core/thread-started.ts';
import type { Incoming, Reply } from '../core/types.ts';
import type { Logger } from '../ops/logger.ts';
import { deliver, type SlackTarget } from './deliver.ts';
import { SORRY } from '../core/labels.ts';
import { failure, type SlackDeps } from './deps.ts';

/**
 * The shared tail of every listener: decide, deliver, log the outcome. A failure is logged
 * with its context and never reaches Bolt, so one conversation cannot break another; whoever
 * asked directly is told to try again (`tellSorry`), an unasked paste is not.
 */
export async function answer(
  deps: SlackDeps,
  client: WebClient,
  incoming: Incoming,
  target: SlackTarget,
  log: Logger,
  tellSorry: boolean,
): Promise<void> {
  try {
    const reply = await handle(incoming, deps.core);
    if (!reply) return;
    const ts = await deliver(client, reply, target, log);
    // A card shared into the channel roots a new thread about its entries (shared into a thread, that thread).
    if (ts && reply.delivery === 'channel' && reply.body.kind === 'entries') {
      const [first, ...rest] = reply.body.entries.map((e) => e.id);
      if (first) await threadStarted(deps.core, { ...incoming.place, thread: target.shareThread ?? ts }, { entryId: first, candidateIds: rest });
    }
    log.info({ reply: reply.body.kind, delivery: reply.delivery }, `answered a ${incoming.type}`);
  } catch (error) {
    log.error(failure(error), `could not answer a ${incoming.type}`);
    if (!tellSorry) return;
    const sorry: Reply = { body: { kind: 'notice', text: SORRY }, delivery: incoming.place.space === 'dm' && !target.respond ? 'thread' : 'ephemeral' };
    await deliver(client, sorry, target).catch((e: unknown) => log.warn(failure(e), 'could not tell the user either'));
  }
}
