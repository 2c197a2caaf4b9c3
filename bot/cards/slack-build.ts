import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { CardAction } from '../core/types.ts';
import { actionId, encodeAction } from './slack-action.ts';
import { cutPlain, LIMITS, splitMrkdwn } from './slack-text.ts';

/**
 * Block constructors that cannot exceed a Block Kit limit: whatever the catalog or a user
 * puts in, the block Slack receives is valid. Callers that want no cut split first.
 */

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: cutPlain(text, LIMITS.headerText), emoji: false } };
}

/** One section per 3,000 characters: long text is split, never rejected. */
export function sections(mrkdwn: string): SectionBlock[] {
  return splitMrkdwn(mrkdwn, LIMITS.sectionText).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text: cutPlain(text, LIMITS.sectionText) })),
  };
}

/** Hands out action_ids unique within one message. */
export class Positions {
  private next = 0;
  take(): number {
    return this.next++;
  }
}

export function button(label: string, action: CardAction, positions: Positions, style?: 'primary' | 'danger'): Button {
  const value = encodeAction(action);
  if (value.length > LIMITS.buttonValue) throw new RangeError(`button value over ${LIMITS.buttonValue} characters`);
  return {
    type: 'button',
    text: { type: 'plain_text', text: cutPlain(label, LIMITS.buttonText), emoji: true },
    action_id: actionId(action, positions.take()),
    value,
    ...(style ? { style } : {}),
  };
}

export function linkButton(label: string, url: string, positions: Positions): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: cutPlain(label, LIMITS.buttonText), emoji: true },
    // Slack still sends an interaction for link buttons; the listener acknowledges and ignores it.
    action_id: `sqlbackup-link:${positions.take()}`,
    url,
  };
}

export function actions(elements: Button[]): ActionsBlock[] {
  const out: ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    out.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
  }
  return out;
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}
