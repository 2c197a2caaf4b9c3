import type { CardAction, Reply } from '../core/types.ts';
import { para, SUBMIT_KEY, type AcNode } from './adaptive-elements.ts';
import { renderCards, type AdaptiveCard } from './adaptive-card.ts';
import { cut } from './adaptive-text.ts';

/**
 * A reply shown in a Teams task module (the dialog a message action opens): one card, the
 * same one a chat gets, with "Post in conversation" first among its buttons when there is an
 * answer worth sharing. A dialog holds one card, so a reply of several (a paste with several
 * codes, "Show the rest") shows its first and says the rest comes with the post.
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

/** What the dialog leaves out, and where it is. */
function restNote(reply: Reply, post: TaskPost | null): string {
  if (reply.body.kind === 'entries' && reply.body.entries.length > 1 && !reply.body.expanded) {
    const others = reply.body.entries.slice(1).map((e) => e.id).join(', ');
    return `Also found in this message: ${others}.${post ? ' Post in conversation shares them all.' : ''}`;
  }
  return 'Shortened to fit this dialog: the Microsoft docs button has the whole text.';
}

/** The card for the task module; null only for a reply that renders no card at all. */
export function taskCard(reply: Reply, post: TaskPost | null): AdaptiveCard | null {
  const [first, ...rest] = renderCards(reply);
  if (!first) return null;
  const more = rest.length > 0 ? [para(restNote(reply, post), { subtle: true, size: 'small' }, 'medium')] : [];
  return {
    ...first,
    fallbackText: cut(first.fallbackText, 200),
    body: [...first.body, ...more],
    actions: [...(post ? [postButton(post)] : []), ...(first.actions ?? [])],
  };
}
