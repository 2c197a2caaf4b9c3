import type { KnownBlock } from '@slack/types';
import type { Action, Entry } from '../../catalog/index.ts';
import { actions, button, context, header, linkButton, sections, type Positions } from './slack-build.ts';
import { escape, labelledCode, LIMITS } from './slack-text.ts';
import { shownMessage } from './entry-facts.ts';

export interface EntryBlocksOptions {
  /** Split long parts over several sections instead of cutting them. */
  readonly expanded: boolean;
  readonly feedback: boolean;
}

const SEVERITY_MARK = { error: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' } as const;
/** In a compact card, one step's text and command get at most this much; the rest is one click away. */
const COMPACT_STEP = 1200;

function step(action: Action, n: number): string {
  return `*${n}.* ${escape(action.text)}${action.code ? `\n${labelledCode(action.code)}` : ''}`;
}

/** A compact step that is too long is cut at a line and its code fence closed. */
function compactStep(text: string): { text: string; cut: boolean } {
  if (text.length <= COMPACT_STEP) return { text, cut: false };
  let head = text.slice(0, COMPACT_STEP);
  const nl = head.lastIndexOf('\n');
  if (nl > COMPACT_STEP / 2) head = head.slice(0, nl);
  if ((head.match(/```/g)?.length ?? 0) % 2 === 1) head += '\n…\n```';
  else head += ' …';
  return { text: head, cut: true };
}

/** Steps packed into as few sections as fit, so a long list costs few of the 50 blocks. */
function packSteps(entry: Entry, expanded: boolean): { blocks: KnownBlock[]; cut: boolean } {
  let cut = false;
  const parts = entry.actions.map((a, i) => {
    const full = step(a, i + 1);
    if (expanded) return full;
    const c = compactStep(full);
    cut ||= c.cut;
    return c.text;
  });
  const texts: string[] = [];
  let current = '*What to do*';
  for (const part of parts) {
    if (current.length + part.length + 1 > LIMITS.sectionText) {
      texts.push(current);
      current = part;
    } else current += `\n${part}`;
  }
  texts.push(current);
  return { blocks: texts.flatMap((t) => sections(t)), cut };
}

/** The answer card for one entry. `cut` says a "Show the rest" button was added. */
export function entryBlocks(entry: Entry, positions: Positions, options: EntryBlocksOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(entry.title),
    context(`${SEVERITY_MARK[entry.severity]} \`${escape(entry.id)}\` · ${entry.severity} · ${entry.category}`),
    ...sections(escape(entry.summary)),
  ];
  const message = shownMessage(entry);
  if (message) blocks.push(...sections(`*Azure says*\n>${escape(message).replace(/\n/g, '\n>')}`));
  blocks.push(...sections(`*Likely causes*\n${entry.causes.map((c) => `• ${escape(c)}`).join('\n')}`));
  const steps = packSteps(entry, options.expanded);
  blocks.push(...steps.blocks);

  const meta = [
    entry.runbook ? `Runbook: <${entry.runbook}|open>` : null,
    entry.owner ? `Owner: ${escape(entry.owner)}` : null,
    entry.escalation ? `Escalation: ${escape(entry.escalation)}` : null,
  ].filter((x): x is string => x !== null);
  if (meta.length > 0) blocks.push(context(...meta));

  const buttons = [linkButton('Docs', entry.docs.url, positions)];
  if (steps.cut) buttons.push(button('Show the rest', { kind: 'more', entryId: entry.id }, positions));
  if (options.feedback) {
    buttons.push(button('Helpful', { kind: 'feedback', entryId: entry.id, helpful: true }, positions));
    buttons.push(button('Not helpful', { kind: 'feedback', entryId: entry.id, helpful: false }, positions));
  }
  blocks.push(...actions(buttons));
  return blocks;
}

/**
 * Entries that did not fit in the message: named in a list, each with a "Show" button that
 * posts its full card, as far as `room` blocks allow.
 */
export function entryStubs(rest: readonly Entry[], positions: Positions, room: number): KnownBlock[] {
  const lines = rest.map((e) => `• *${escape(e.title)}* \`${escape(e.id)}\``);
  const list = sections(`*Also in your message* (${rest.length}):\n${lines.join('\n')}`);
  const buttonBlocks = actions(rest.map((e) => button(`Show ${e.id}`, { kind: 'more', entryId: e.id }, positions)));
  return [...list, ...buttonBlocks].slice(0, Math.max(1, room));
}
