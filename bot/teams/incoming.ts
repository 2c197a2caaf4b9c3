import { TurnContext, type Activity } from 'botbuilder';
import { commandOf } from '../core/commands.ts';
import type { Incoming, Place } from '../core/types.ts';
import { cardActionOf } from './card-action.ts';

/**
 * Teams activity → Incoming. Pure apart from botbuilder's mention helpers; null for what the
 * bot must not answer (an empty or foreign value). A channel message that does not mention the
 * bot arrives only where a team owner granted ChannelMessage.Read.Group; it is unaddressed,
 * so the core's channel mode decides (answer when confident, silent under `watch off`).
 */

/** Where a Teams activity lives. A channel reply chain is a thread; a group chat is one long thread. */
export function placeOf(activity: Partial<Activity>): Place {
  const conversation = activity.conversation;
  const [channel = '', messageId] = (conversation?.id ?? '').split(';messageid=');
  const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const team = conversation?.tenantId ?? tenant ?? 'teams';
  switch (conversation?.conversationType) {
    case 'channel':
      // A new post that mentions the bot is the root of its own reply chain.
      return { platform: 'teams', team, channel, thread: messageId ?? activity.id ?? null, space: 'channel' };
    case 'groupChat':
      // Group chats have no reply chains: the chat itself carries the context for follow-ups.
      return { platform: 'teams', team, channel, thread: channel, space: 'group' };
    default:
      return { platform: 'teams', team, channel, thread: null, space: 'dm' };
  }
}

function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return TurnContext.getMentions(activity).some((m) => m.mentioned.id === botId);
}

/**
 * Words typed in Teams that mean a command (the manifest's command list offers them), read
 * from the core's command table. A lookup stays a message: that way the answer starts a
 * thread follow-ups can use.
 */
function said(text: string): { type: 'command' | 'message'; text: string } {
  const t = text.replace(/^\/sqlbackup\b\s*/i, '').trim();
  const command = commandOf(t);
  if (!command) return { type: 'message', text };
  if (command.spec.name === 'lookup') return { type: 'message', text: command.arg };
  return { type: 'command', text: t };
}

/** Who sent an activity: the Entra object id (what AZURE_ACTIONS_ALLOWED names), and the name Teams shows. */
export function senderOf(activity: Partial<Activity>): { readonly user: string; readonly userName?: string } {
  const from = activity.from;
  return { user: from?.aadObjectId ?? from?.id ?? 'unknown', ...(from?.name ? { userName: from.name } : {}) };
}

export function incomingOf(activity: Partial<Activity>): Incoming | null {
  if (activity.type !== 'message' || !activity.id) return null;
  const base = { id: activity.id, ...senderOf(activity), place: placeOf(activity) };
  if (activity.value !== undefined && activity.value !== null) {
    const action = cardActionOf(activity.value);
    return action ? { ...base, type: 'action', action } : null;
  }
  const mentioned = mentionsBot(activity);
  // On a copy: removeRecipientMention rewrites the text of the activity it is given.
  const text = TurnContext.removeRecipientMention({ ...activity }) ?? activity.text ?? '';
  const clean = text.replace(/\u00a0/g, ' ').trim();
  if (base.place.space === 'channel' && !mentioned) {
    // Another bot's post (an alert feed, a deploy bot) is nobody asking: answering it could loop.
    if (activity.from?.role === 'bot') return null;
    // Chatter that happens to read "help" or "list" is not a command: only a mention makes one.
    return { ...base, type: 'message', text: clean, addressed: false };
  }
  const words = said(clean);
  if (words.type === 'command') return { ...base, type: 'command', text: words.text };
  return { ...base, type: 'message', text: words.text, addressed: base.place.space === 'dm' || mentioned };
}

/** True for a command that asks for posts with nobody asking here (the bot keeps the conversation reference). */
export function asksForProactive(incoming: Incoming): boolean {
  return incoming.type === 'command' && commandOf(incoming.text)?.spec.proactive === true;
}
