import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { renderSlack } from '../cards/slack-blocks.ts';
import { confirmModal } from '../cards/slack-azure.ts';
import { confirmationMetadata } from './confirmation.ts';
import type { Place, Reply } from '../core/types.ts';
import { failure } from './deps.ts';
import type { Logger } from '../ops/logger.ts';

/** Where a reply goes in Slack, and the means at hand to put it there. */
export interface SlackTarget {
  readonly place: Place;
  /** Who asked: private replies go to them. */
  readonly user?: string;
  /** Slash commands and button presses come with a response_url; it works where the bot is not a member. */
  readonly respond?: RespondFn;
  /** The pressed card was one only its user sees: a thread reply to it stays private too. */
  readonly privately?: boolean;
  /** A message shortcut's answer and its Share: shared under this thread root, not at the channel's top level. */
  readonly shareThread?: string;
  /** A button press's trigger: what opens a modal (valid for 3 seconds). */
  readonly triggerId?: string;
}

/** Links in an answer point at docs; previews would bury the answer. */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/**
 * The one way a Reply reaches Slack, for answers, button presses and alerts alike. Returns
 * the ts of a visible post made as the bot (the root of a new thread when posted top-level).
 */
export async function deliver(client: WebClient, reply: Reply, target: SlackTarget, logger?: Logger): Promise<string | undefined> {
  const message = renderSlack(reply, { ...(target.shareThread ? { shareThread: target.shareThread } : {}) });
  const { place, respond } = target;
  const inThread = place.thread === null ? {} : { thread_ts: place.thread };
  const privately = async (): Promise<undefined> => {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    else await client.chat.postEphemeral({ channel: place.channel, user: target.user ?? '', ...inThread, ...message });
    return undefined;
  };
  switch (reply.delivery) {
    case 'ephemeral':
      return privately();
    case 'replace':
      if (respond) {
        await respond({ replace_original: true, ...message });
        return undefined;
      }
      return privately();
    case 'thread':
      if (target.privately) return privately();
      return (await client.chat.postMessage({ channel: place.channel, ...inThread, ...NO_UNFURL, ...message })).ts;
    case 'channel':
      return share(client, message, target, logger);
    case 'dialog':
      if (reply.body.kind === 'confirm-backup' && target.triggerId) {
        const b = reply.body;
        const confirm = { kind: 'azure', op: 'confirm', ref: b.ref, nonce: b.nonce };
        try {
          await client.views.open({ trigger_id: target.triggerId, view: confirmModal(b, confirmationMetadata(place, confirm)) });
          return undefined;
        } catch (error) {
          // A trigger lives 3 seconds; past it (a slow user-group lookup), ask in a private message.
          logger?.info(failure(error), 'confirmation modal did not open; asking in a private message');
        }
      }
      return privately();
  }
}

/**
 * Share in channel: posted as the bot when it is in the channel, so the card roots a thread
 * the bot can follow; through response_url otherwise (slash commands work everywhere).
 */
async function share(client: WebClient, message: ReturnType<typeof renderSlack>, target: SlackTarget, logger?: Logger): Promise<string | undefined> {
  let ts: string | undefined;
  const inThread = target.shareThread ? { thread_ts: target.shareThread } : {};
  try {
    ts = (await client.chat.postMessage({ channel: target.place.channel, ...inThread, ...NO_UNFURL, ...message })).ts;
  } catch (error) {
    if (!target.respond) throw error;
    logger?.info({ ...failure(error), channel: target.place.channel }, 'share: posting as the bot failed; using response_url');
    await target.respond({ response_type: 'in_channel', replace_original: false, ...inThread, ...message });
  }
  await target.respond?.({ delete_original: true });
  return ts;
}

/** Redraws a message the bot posted. */
export async function redraw(client: WebClient, place: Place, ts: string, reply: Reply): Promise<void> {
  await client.chat.update({ channel: place.channel, ts, ...renderSlack(reply) });
}
