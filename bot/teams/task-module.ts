import { CardFactory, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { renderCards } from '../cards/adaptive-card.ts';
import { CONFIRM_TITLE, RETENTION_INPUT } from '../cards/azure-text.ts';
import { renderBodyText } from '../cards/plain-text.ts';
import type { CoreDeps } from '../core/deps.ts';
import { handle } from '../core/handle.ts';
import type { Incoming, Reply } from '../core/types.ts';
import { cardActionOf } from './card-action.ts';
import { keepReference } from './conversation-refs.ts';
import { deliver, type DeliverOptions } from './deliver.ts';
import { placeOf, senderOf } from './incoming.ts';

/**
 * The buttons that change Azure (Run full backup, and Acknowledge and Close once the team
 * acts on Azure) open a dialog, a task module, instead of posting: Teams has no private
 * messages, and a dialog is seen only by the person who pressed. `task/fetch` is the press,
 * `task/submit` the confirmation's Start or Cancel.
 */
export const TASK_INVOKES = new Set(['task/fetch', 'task/submit']);

type TaskResponse = { task: { type: 'message'; value: string } | { type: 'continue'; value: { title: string; card: unknown; width: 'medium'; height: 'small' } } };

const message = (value: string): InvokeResponse<TaskResponse> => ({ status: 200, body: { task: { type: 'message', value } } });

/** What the dialog's submit sent: the action, with the typed retention merged into a confirmation. */
function actionOf(activity: Partial<Activity>) {
  const data = (activity.value as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data) return null;
  const action = cardActionOf(data);
  const days = Number(data[RETENTION_INPUT]);
  if (action?.kind === 'azure' && action.op === 'confirm' && Number.isInteger(days)) return cardActionOf({ ...data, sqlbackup: { ...action, days } });
  return action;
}

export async function answerTask(context: TurnContext, core: CoreDeps, cards: DeliverOptions | undefined): Promise<InvokeResponse<TaskResponse>> {
  const activity = context.activity;
  const action = actionOf(activity);
  if (!action || !activity.id) return message('I cannot read that button. Try the card again.');
  const place = placeOf(activity);
  const incoming: Incoming = { type: 'action', id: activity.id, ...senderOf(activity), place, action };
  // The started job's card is posted later, with nobody asking: that needs this conversation's address.
  if (action.kind === 'azure') await keepReference(core, { ...place, thread: null }, activity);
  const reply = await handle(incoming, core);
  return reply ? taskReply(context, reply, cards) : message('Already done.');
}

async function taskReply(context: TurnContext, reply: Reply, cards: DeliverOptions | undefined): Promise<InvokeResponse<TaskResponse>> {
  switch (reply.delivery) {
    case 'dialog': {
      const [card] = renderCards(reply);
      return { status: 200, body: { task: { type: 'continue', value: { title: CONFIRM_TITLE, card: CardFactory.adaptiveCard(card), width: 'medium', height: 'small' } } } };
    }
    case 'ephemeral':
      return message(plain(reply));
    default:
      // The redrawn alert card (or a post for all): shown where the button was, the dialog says so.
      await deliver(context, reply, cards);
      return message('Done: the card shows it.');
  }
}

/** Dialog messages are plain text: the notice without its chat markup (`code`, *bold*). */
function plain(reply: Reply): string {
  return renderBodyText(reply.body).replace(/`/g, '').replace(/\*([^*\n]+)\*/g, '$1');
}
