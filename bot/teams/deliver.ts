import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { renderCards } from '../cards/adaptive-card.ts';
import type { Reply } from '../core/types.ts';

/**
 * Puts a Reply into the conversation the activity came from. In a channel, TurnContext
 * replies carry the conversation id with its `;messageid=` and a replyToId, so Teams files
 * them in the same reply chain. Teams has no ephemeral messages and every answer is already
 * visible to the channel, so 'ephemeral' and 'channel' both answer in place.
 */

function cardActivities(reply: Reply): Partial<Activity>[] {
  return renderCards(reply).map((card) => {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    // What Teams shows in notifications and the chat list instead of "Card".
    activity.summary = card.fallbackText;
    return activity;
  });
}

export async function deliver(context: TurnContext, reply: Reply): Promise<void> {
  const activities = cardActivities(reply);
  const [first, ...rest] = activities;
  if (!first) return;
  // The clicked card is the message the Action.Submit replies to: redraw that one.
  const cardId = context.activity.replyToId;
  if (reply.delivery === 'replace' && cardId) {
    await context.updateActivity({ ...first, id: cardId });
    if (rest.length > 0) await context.sendActivities(rest);
    return;
  }
  await context.sendActivities(activities);
}
