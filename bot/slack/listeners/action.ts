import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { renderSlack } from '../../cards/slack-blocks.ts';
import { ACTION_ID_PATTERN, decodeAction } from '../../cards/slack-action.ts';
import { handle } from '../../core/handle.ts';
import { rememberThread } from '../../core/thread-context.ts';
import type { Incoming, Place, Reply } from '../../core/types.ts';
import { failure, SORRY, type SlackDeps } from '../deps.ts';
import { spaceOf } from '../place.ts';

/** Button presses on the bot's cards: pick, feedback, share, show the rest. */
export function registerAction(app: App, deps: SlackDeps): void {
  // Link buttons (Docs) also send an interaction; it needs an ack and nothing else.
  app.action(/^sqlbackup-link:/, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async ({ ack, body, action, respond, client }) => {
    await ack();
    const log = deps.logger.child({ listener: 'action', actionId: action.action_id, channel: body.channel?.id });
    const cardAction = decodeAction(action.value);
    if (!cardAction || !body.channel) {
      log.warn('ignored a button press we cannot read');
      return;
    }
    const channel = body.channel.id;
    const message = body.message;
    const ephemeral = body.container?.is_ephemeral === true || !message;
    const space = spaceOf(channel);
    const thread = message ? ((message['thread_ts'] as string | undefined) ?? (space === 'dm' ? null : message.ts)) : null;
    const place: Place = { platform: 'slack', team: body.team?.id ?? body.user.team_id ?? '', channel, thread, space };
    const incoming: Incoming = { type: 'action', id: `${body.trigger_id}:${action.action_id}`, user: body.user.id, place, action: cardAction };
    try {
      const reply = await handle(incoming, deps.core);
      if (reply) {
        await deliver(deps, client, respond, reply, place, ephemeral);
        log.info({ action: cardAction.kind, reply: reply.body.kind, delivery: reply.delivery }, 'answered a button press');
      }
    } catch (error) {
      log.error(failure(error), 'could not answer a button press');
      await respond({ response_type: 'ephemeral', replace_original: false, text: SORRY }).catch((e: unknown) =>
        log.warn(failure(e), 'could not tell the user either'),
      );
    }
  });
}

async function deliver(deps: SlackDeps, client: WebClient, respond: RespondFn, reply: Reply, place: Place, ephemeral: boolean) {
  const message = renderSlack(reply);
  switch (reply.delivery) {
    case 'replace':
      await respond({ replace_original: true, ...message });
      return;
    case 'ephemeral':
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    case 'thread':
      if (ephemeral) await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      else await client.chat.postMessage({ channel: place.channel, ...(place.thread === null ? {} : { thread_ts: place.thread }), unfurl_links: false, ...message });
      return;
    case 'channel':
      await share(deps, client, respond, reply, place, message);
  }
}

/**
 * Share in channel: posted as the bot when it is in the channel, so the card roots a thread
 * the bot can follow; through response_url otherwise (slash commands work everywhere).
 */
async function share(deps: SlackDeps, client: WebClient, respond: RespondFn, reply: Reply, place: Place, message: ReturnType<typeof renderSlack>) {
  let ts: string | undefined;
  try {
    ts = (await client.chat.postMessage({ channel: place.channel, unfurl_links: false, ...message })).ts;
  } catch (error) {
    deps.logger.info({ ...failure(error), channel: place.channel }, 'share: posting as the bot failed; using response_url');
    await respond({ response_type: 'in_channel', replace_original: false, ...message });
  }
  if (ts && reply.body.kind === 'entries') {
    await rememberThread(deps.core, { ...place, thread: ts }, reply.body.entries.map((e) => e.id));
  }
  await respond({ delete_original: true });
}
