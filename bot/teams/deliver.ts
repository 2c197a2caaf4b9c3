import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { renderCards, type AdaptiveCard } from '../cards/adaptive-card.ts';
import type { Reply } from '../core/types.ts';

/**
 * Puts a Reply into the conversation the activity came from. In a channel, TurnContext
 * replies carry the conversation id with its `;messageid=` and a replyToId, so Teams files
 * them in the same reply chain. Teams has no ephemeral messages and every answer is already
 * visible to the channel, so 'ephemeral' and 'channel' both answer in place.
 */

export interface DeliverOptions {
  /**
   * Full-width cards suit code in Teams; the Agents Playground does not support them and
   * prints a warning under each one, so local mode turns them off.
   */
  readonly fullWidth: boolean;
}

function narrow(card: AdaptiveCard): Partial<AdaptiveCard> {
  return Object.fromEntries(Object.entries(card).filter(([key]) => key !== 'msteams'));
}

function cardActivities(reply: Reply, options: DeliverOptions): Partial<Activity>[] {
  return renderCards(reply).map((card) => {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(options.fullWidth ? card : narrow(card)));
    // What Teams shows in notifications and the chat list instead of "Card".
    activity.summary = card.fallbackText;
    return activity;
  });
}

/** Resolves with the id of the first message sent (the root of a new reply chain in a channel). */
export async function deliver(context: TurnContext, reply: Reply, options: DeliverOptions = { fullWidth: true }): Promise<string | undefined> {
  const activities = cardActivities(reply, options);
  const [first, ...rest] = activities;
  if (!first) return undefined;
  // The clicked card is the message the Action.Submit replies to: redraw that one.
  const cardId = context.activity.replyToId;
  if (reply.delivery === 'replace' && cardId) {
    await context.updateActivity({ ...first, id: cardId });
    if (rest.length > 0) await context.sendActivities(rest);
    return cardId;
  }
  const sent = await context.sendActivities(activities);
  return sent[0]?.id;
}

/** Redraws a message the bot posted (its first card; an alert root is one card). */
export async function redraw(context: TurnContext, id: string, reply: Reply, options: DeliverOptions = { fullWidth: true }): Promise<void> {
  const [first] = cardActivities(reply, options);
  if (first) await context.updateActivity({ ...first, id });
}
