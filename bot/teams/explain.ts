import { randomUUID } from 'node:crypto';
import {
  CardFactory, TurnContext, type Activity, type ConversationReference, type MessagingExtensionAction, type MessagingExtensionActionResponse,
} from 'botbuilder';
import { POST_THREAD_KEY, taskCard, type TaskPost } from '../cards/adaptive-task.ts';
import type { CoreDeps } from '../core/deps.ts';
import { handle } from '../core/handle.ts';
import { SORRY } from '../core/labels.ts';
import { threadStarted } from '../core/thread-started.ts';
import type { CardAction, Incoming, Place, Reply } from '../core/types.ts';
import type { Logger } from '../ops/logger.ts';
import { cardActionOf } from './card-action.ts';
import { deliver, type DeliverOptions } from './deliver.ts';
import { placeOf, senderOf } from './incoming.ts';
import { messageText } from './message-text.ts';

/**
 * "Explain this error" in any message's "..." menu (a message extension action command).
 * Teams hands over the message; it is read as `lookup <the message>` would be, by the same
 * core as every other answer, and shown privately in a dialog (task module) to the one who
 * asked. Its "Post in conversation" is the core's Share, posted by the bot into the message's
 * reply chain. The dialog's other buttons (Helpful, Show, Show the rest) redraw the dialog.
 */

/** The command's id; the manifest declares the same (its test checks). */
export const EXPLAIN_COMMAND = 'explainError';
const TITLE = 'Explain this error';
/** Teams message ids are epoch milliseconds; anything else in a submit's data is refused. */
const MESSAGE_ID = /^\d{1,20}$/;

export interface ExplainDeps {
  readonly core: CoreDeps;
  readonly cards?: DeliverOptions;
}

type Response = MessagingExtensionActionResponse;

const message = (value: string): Response => ({ task: { type: 'message', value } });

/**
 * Where the message asked about lives. In a channel its reply chain is the thread: the root
 * named in the conversation id, else the message's parent, else the message itself.
 */
function placeOfAction(activity: Partial<Activity>, action: MessagingExtensionAction, named?: unknown): Place {
  const place = placeOf(activity);
  if (place.space !== 'channel') return place;
  const inConversation = (activity.conversation?.id ?? '').split(';messageid=')[1];
  // What a dialog button carries can be forged like any submit: only a message id is taken.
  const fromData = typeof named === 'string' && MESSAGE_ID.test(named) ? named : undefined;
  const payload = action.messagePayload;
  const root = inConversation ?? fromData ?? payload?.replyToId ?? payload?.id;
  return { ...place, thread: root && MESSAGE_ID.test(root) ? root : null };
}

/** Entries the dialog may offer to post: what it shows, never more than Share takes. */
function shareable(reply: Reply): string[] {
  if (reply.body.kind === 'entries') return reply.body.entries.map((e) => e.id).slice(0, 10);
  if (reply.body.kind === 'feedback-ack' && reply.body.detail) return [reply.body.detail.id];
  return [];
}

/**
 * The Azure buttons stay off this dialog: their own dialogs and the job's card need the
 * conversation, which a message action in someone else's chat may not let the bot into.
 */
function withoutAzure(reply: Reply): Reply {
  if (reply.body.kind !== 'entries' || !reply.body.azure) return reply;
  const body = { ...reply.body };
  delete body.azure;
  return { ...reply, body };
}

function dialog(answer: Reply, place: Place): Response {
  const reply = withoutAzure(answer);
  const ids = shareable(reply);
  const post: TaskPost | null = ids.length > 0 ? { action: { kind: 'share', entryIds: ids }, thread: place.thread } : null;
  const card = taskCard(reply, post);
  if (!card) return message(SORRY);
  // A dialog is as wide as Teams makes it; the full-width hint is for chat messages.
  const content = Object.fromEntries(Object.entries(card).filter(([key]) => key !== 'msteams'));
  return { task: { type: 'continue', value: { title: TITLE, width: 'large', height: 'large', card: CardFactory.adaptiveCard(content) } } };
}

/** The first invoke (fetchTask), or a submit carrying the message: the answer, in a dialog. */
export async function explainMessage(context: TurnContext, deps: ExplainDeps, action: MessagingExtensionAction): Promise<Response> {
  const activity = context.activity;
  const place = placeOfAction(activity, action);
  const text = messageText(action.messagePayload?.body);
  // "lookup" keeps a message that reads "watch off" or "help" from running as a command; a
  // message with no text at all (an image, a file) gets the help, never an empty card.
  const incoming: Incoming = { type: 'command', id: activity.id ?? randomUUID(), ...senderOf(activity), place, text: text ? `lookup ${text}` : 'help' };
  const reply = await handle(incoming, deps.core);
  return reply ? dialog(reply, place) : message('Already answered.');
}

/**
 * A button pressed in the dialog. Share posts into the conversation and says so; any other
 * card action is answered by the core and redraws the dialog.
 */
export async function submitFromDialog(context: TurnContext, deps: ExplainDeps, action: MessagingExtensionAction, log: Logger): Promise<Response> {
  const data = action.data as Record<string, unknown> | undefined;
  const cardAction: CardAction | null = cardActionOf(data);
  // No button of ours: Teams submitted the message itself (a command declared with a static form).
  if (!cardAction) return action.messagePayload ? explainMessage(context, deps, action) : message(SORRY);
  const activity = context.activity;
  const place = placeOfAction(activity, action, data?.[POST_THREAD_KEY]);
  const reply = await handle({ type: 'action', id: activity.id ?? randomUUID(), ...senderOf(activity), place, action: cardAction }, deps.core);
  if (!reply) return message('Already answered.');
  if (cardAction.kind !== 'share' || reply.delivery !== 'channel') return dialog(reply, place);
  try {
    await post(context, place, reply, deps.cards);
  } catch (error) {
    // The bot is not in this chat or team (it posts only where the app is installed).
    log.warn({ err: (error as Error).message, status: (error as { statusCode?: unknown }).statusCode }, 'teams: could not post a message action answer');
    return message('I could not post here: add the SQL Backup helper app to this chat or team first, then try again.');
  }
  if (reply.body.kind === 'entries') {
    const [first, ...rest] = reply.body.entries.map((e) => e.id);
    if (first) await threadStarted(deps.core, place, { entryId: first, candidateIds: rest });
  }
  return message('Posted in the conversation.');
}

/**
 * Posts into the conversation of the invoke, in the reply chain of the message asked about:
 * a new turn with this request's identity, as for any message the bot starts itself.
 */
async function post(context: TurnContext, place: Place, reply: Reply, cards: DeliverOptions | undefined): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  const id = place.space === 'channel' && place.thread !== null ? `${place.channel};messageid=${place.thread}` : place.channel;
  const target: Partial<ConversationReference> = { ...reference, conversation: { ...reference.conversation, id } as ConversationReference['conversation'] };
  delete target.activityId;
  const identity = context.turnState.get<Parameters<TurnContext['adapter']['continueConversationAsync']>[0]>(context.adapter.BotIdentityKey);
  let failed: Error | undefined;
  await context.adapter.continueConversationAsync(identity, target, async (turn) => {
    // Caught here: thrown, it would reach the adapter's onTurnError, which tells the conversation "sorry".
    await deliver(turn, { ...reply, delivery: 'thread' }, cards).catch((error: unknown) => {
      failed = error instanceof Error ? error : new Error(String(error));
    });
  });
  if (failed !== undefined) throw failed;
}
