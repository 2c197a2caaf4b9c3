import type { Catalog } from '../catalog/index.ts';
import type { Classifier } from '../intents/index.ts';
import { renderReplyText } from '../bot/cards/plain-text.ts';
import { answerFor, TRUNCATED_NOTE } from '../bot/core/answer.ts';

/**
 * `explain`: what the bot would answer to a direct question (a DM or a mention), as terminal
 * text. The core makes the decision, as it does for Slack and Teams; only the rendering is
 * the terminal's.
 */
export function explain(text: string, classifier: Classifier, catalog: Catalog): string {
  const c = classifier.classify(text, 'direct');
  const body = answerFor({ catalog, classifier }, text, c, 'direct')?.body ?? { kind: 'help' };
  return renderReplyText({ body, delivery: 'thread', ...(c.truncated ? { note: TRUNCATED_NOTE } : {}) });
}
