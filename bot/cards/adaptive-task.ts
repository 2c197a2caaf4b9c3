import type { CardAction, Reply } from '../core/types.ts';
import { note, para, SUBMIT_KEY, type AcNode } from './adaptive-elements.ts';
import { CARD_BUDGET_BYTES, renderCards, type AdaptiveCard } from './adaptive-card.ts';
import { jsonBytes } from './adaptive-text.ts';

/**
 * A reply shown in a Teams task module (the dialog a message action opens): one card, the
 * same one a chat gets, with "Post in conversation" first among its buttons when there is an
 * answer worth sharing. A dialog holds one card: a reply of several is made into one.
 */

/** The Action.Submit data key beside SUBMIT_KEY that names the message asked about, for the post's reply chain. */
export const POST_THREAD_KEY = 'sqlbackupThread';

export interface TaskPost {
  /** What the post does: the core's Share of the entries shown. */
  readonly action: Extract<CardAction, { kind: 'share' }>;
  /** The root of the reply chain to post into (a Teams message id), when there is one. */
  readonly thread: string | null;
}

function postButton(post: TaskPost): AcNode {
  const data = { [SUBMIT_KEY]: post.action, ...(post.thread ? { [POST_THREAD_KEY]: post.thread } : {}) };
  return { type: 'Action.Submit', title: 'Post in conversation', style: 'positive', data };
}

/**
 * A dialog scrolls, so "Show the rest" (one entry spread over several chat cards) is one
 * card here, its buttons last as in chat, up to twice a chat card's budget.
 */
const DIALOG_BUDGET_BYTES = 2 * CARD_BUDGET_BYTES;

function joined(cards: readonly AdaptiveCard[]): AdaptiveCard {
  const [first, ...rest] = cards;
  if (!first) throw new Error('joined() needs a card');
  let card = first;
  for (const next of rest) {
    // The "(continued)" line of each chat card says nothing in one long card.
    const body = [...card.body, ...next.body.slice(1)];
    const candidate = { ...card, body, ...(next.actions ? { actions: next.actions } : {}) };
    if (jsonBytes(candidate) > DIALOG_BUDGET_BYTES) {
      return { ...card, body: [...card.body, note('The rest is too long for this dialog: the Microsoft docs have it in full.')], actions: cards.at(-1)?.actions ?? [] };
    }
    card = candidate;
  }
  return card;
}

/** A paste with several errors: the dialog shows the first, and names the others. */
function firstOf(reply: Reply, cards: readonly AdaptiveCard[], post: TaskPost | null): AdaptiveCard {
  const [first, ...rest] = cards;
  if (!first) throw new Error('firstOf() needs a card');
  if (rest.length === 0 || reply.body.kind !== 'entries') return first;
  const others = reply.body.entries.slice(1).map((e) => e.id).join(', ');
  const line = `Also found in this message: ${others}.${post ? ' Post in conversation shares them all.' : ''}`;
  return { ...first, body: [...first.body, para(line, { subtle: true, size: 'small' }, 'medium')] };
}

/** The card for the task module; null only for a reply that renders no card at all. */
export function taskCard(reply: Reply, post: TaskPost | null): AdaptiveCard | null {
  const cards = renderCards(reply);
  if (cards.length === 0) return null;
  const card = reply.body.kind === 'entries' && reply.body.expanded ? joined(cards) : firstOf(reply, cards, post);
  return { ...card, actions: [...(post ? [postButton(post)] : []), ...(card.actions ?? [])] };
}
