import type { CodeBlock } from '../../catalog/index.ts';
import { CODE_LABELS } from '../core/labels.ts';
/**
 * Text helpers for Slack mrkdwn. Everything that reaches a card passes through `escape`:
 * Slack turns `<!channel>`, `<!here>` and `<@U123>` into pings and `<url|label>` into links,
 * so `&`, `<` and `>` must become entities; a bare "@channel" does not ping through the Web
 * API, but a word joiner keeps it inert even if someone enables link_names later.
 */

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  contextElements: 10,
  /** Slack truncates message text beyond 40,000 characters; notifications show far less. */
  fallbackText: 3000,
} as const;

const WORD_JOINER = '\u2060';

export function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`)
    // Three backticks would open or close a code block in the middle of someone's text.
    .replace(/```/g, '``\u200b`');
}

/** Escaped user text, shortened: an echo of a 40 KB paste helps nobody. */
export function echo(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return escape(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** A fenced code block; `escape` already keeps the body from closing the fence early. */
export function codeBlock(body: string): string {
  return '```\n' + escape(body) + '\n```';
}

/** A command with its language named over it: Slack shows no syntax highlighting to tell T-SQL from PowerShell. */
export function labelledCode(block: CodeBlock): string {
  return `_${CODE_LABELS[block.lang]}_\n${codeBlock(block.body)}`;
}

/** Cuts plain text at `max` characters, on a word boundary when one is near. */
export function cutPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}…`;
}

/**
 * Splits mrkdwn into pieces of at most `max` characters, at line ends where possible, and
 * re-opens a code fence that a cut would leave open so each piece renders on its own.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const room = max - 4; // space for a closing fence
    let at = rest.lastIndexOf('\n', room);
    if (at < room * 0.5) at = room;
    let piece = rest.slice(0, at);
    rest = rest.slice(at).replace(/^\n/, '');
    if ((piece.match(/```/g)?.length ?? 0) % 2 === 1) {
      piece += '\n```';
      rest = '```\n' + rest;
    }
    pieces.push(piece);
  }
  pieces.push(rest);
  return pieces;
}
