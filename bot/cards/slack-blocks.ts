import type { KnownBlock } from '@slack/types';
import type { Reply, ReplyBody } from '../core/types.ts';
import { headline } from './alert-text.ts';
import { alertBlocks } from './slack-alert.ts';
import { CONFIRM_TITLE, confirmText, jobsTitle, runTitle } from './azure-text.ts';
import { azureBlocks, jobsBlocks, runBlocks } from './slack-azure.ts';
import * as body from './slack-bodies.ts';
import { actions, button, context, divider, Positions, sections } from './slack-build.ts';
import { pasteLines } from './entry-facts.ts';
import { entryBlocks, entryStubs } from './slack-entry.ts';
import { cutPlain, escape, LIMITS } from './slack-text.ts';

export interface SlackMessage {
  /** Plain fallback for notifications and clients without Block Kit. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Blocks kept free for alternatives and the note under a multi-entry answer. */
const RESERVE = 6;

/**
 * Renders a reply as a Slack message. Pure: the same reply always gives the same blocks,
 * which is what the snapshot tests pin. The result always respects Block Kit's limits.
 */
/** How a private answer offers to be shared. */
export interface RenderOptions {
  /** A message shortcut's answer: Share posts in this thread (the message asked about), not at the top of the channel. */
  readonly shareThread?: string;
}

export function renderSlack(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const positions = new Positions();
  const blocks = [...bodyBlocks(reply, positions, options)];
  if (reply.note) blocks.push(context(`:information_source: ${escape(reply.note)}`));
  return { text: fallbackText(reply.body), blocks: clamp(blocks) };
}

function bodyBlocks(reply: Reply, positions: Positions, options: RenderOptions = {}): KnownBlock[] {
  const b = reply.body;
  switch (b.kind) {
    case 'entries':
      return entries(b, reply.delivery, positions, options.shareThread);
    case 'did-you-mean':
      return body.didYouMean(b, positions);
    case 'unknown-code':
      return body.unknownCode(b, positions);
    case 'foreign':
      return body.foreign(b, positions);
    case 'follow-up':
      return body.followUp(b, positions);
    case 'help':
      return body.help(b);
    case 'list':
      return body.list(b);
    case 'search':
      return body.search(b, positions);
    case 'stats':
      return body.stats(b);
    case 'notice':
      return body.notice(b);
    case 'alert':
      // The diagnosis is rendered as a paste's answer in the thread would be.
      return alertBlocks(b.view, positions, b.view.diagnosis ? bodyBlocks({ body: b.view.diagnosis, delivery: 'thread' }, positions) : []);
    case 'feedback-ack': {
      const card = b.detail ? entryBlocks(b.detail, positions, { expanded: false, feedback: false }) : [];
      return [...card, ...body.thanks(b, positions)];
    }
    case 'jobs':
      return jobsBlocks(b, positions);
    case 'backup-run':
      return runBlocks(b);
    case 'confirm-backup':
      // Where no modal can open, the same question as a message with its two answers.
      return [
        ...sections(`*${CONFIRM_TITLE}*\n${escape(confirmText(b))}\n_Kept for ${b.days} days._`),
        ...actions([
          button('Start backup', { kind: 'azure', op: 'confirm', ref: b.ref, nonce: b.nonce, days: b.days }, positions, 'primary'),
          button('Cancel', { kind: 'azure', op: 'cancel', ref: b.ref, nonce: b.nonce }, positions),
        ]),
      ];
  }
}

function entries(b: Extract<ReplyBody, { kind: 'entries' }>, delivery: Reply['delivery'], positions: Positions, shareThread?: string): KnownBlock[] {
  const out: KnownBlock[] = [];
  // Share only makes sense where only the asker sees the answer.
  const share = delivery === 'ephemeral' ? b.entries.slice(0, 10).map((e) => e.id) : null;
  const read = pasteLines(b);
  if (read.length > 0) out.push(...sections(read.map((line) => `_${escape(line)}_`).join('\n')));
  let shown = 0;
  for (const entry of b.entries) {
    const card = entryBlocks(entry, positions, { expanded: b.expanded === true, feedback: true });
    if (out.length + card.length + 1 > LIMITS.blocks - RESERVE) break;
    if (shown > 0) out.push(divider());
    out.push(...card);
    shown++;
  }
  const rest = b.entries.slice(shown);
  if (rest.length > 0) out.push(divider(), ...entryStubs(rest, positions, LIMITS.blocks - RESERVE - out.length - 1));
  if (share) {
    const action = shareThread ? { kind: 'share' as const, entryIds: share, thread: shareThread } : { kind: 'share' as const, entryIds: share };
    out.push(...actions([button(shareThread ? 'Share in thread' : 'Share in channel', action, positions, 'primary')]));
  }
  if (b.azure) out.push(...azureBlocks(b.azure, positions));
  if (b.alternatives.length > 0) out.push(...body.candidateBlocks('Not it? Maybe one of these:', b.alternatives, positions));
  return out;
}

/** A last guard: should a body ever grow past 50 blocks, end cleanly instead of failing the post. */
function clamp(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  return [...blocks.slice(0, LIMITS.blocks - 1), ...sections('_The rest did not fit in one message; the docs button has the full text._')];
}

export function fallbackText(b: ReplyBody): string {
  const text = ((): string => {
    switch (b.kind) {
      case 'entries':
        return b.entries.map((e) => `${e.id}: ${e.title}`).join('; ');
      case 'did-you-mean':
        return b.candidates.length > 0 ? `Did you mean: ${b.candidates.map((c) => c.id).join(', ')}?` : 'No matching entry found.';
      case 'unknown-code':
        return `Unknown code ${b.codes.join(', ')}`;
      case 'foreign':
        return `${b.codes.join(', ')} is an SAP HANA backup code`;
      case 'follow-up':
        return `${b.heading} (${b.entry.id}): ${b.text}`;
      case 'help':
        return 'sqlbackup: paste an Azure Backup error, or use /sqlbackup <code or words>';
      case 'list':
        return `${b.groups.reduce((n, g) => n + g.entries.length, 0)} catalog entries`;
      case 'search':
        return `Closest entries: ${b.candidates.map((c) => c.id).join(', ') || 'none'}`;
      case 'feedback-ack':
        return b.helpful ? `Thanks! ${b.entry.id}` : `Thanks for the feedback on ${b.entry.id}`;
      case 'stats':
        return `Most frequent errors: ${b.windows.map((w) => `last ${w.days} days ${w.top.map((r) => r.id).join(', ') || 'none'}`).join('; ')}`;
      case 'notice':
        return b.text;
      case 'alert':
        return `${headline(b.view)}: ${b.view.description}`;
      case 'jobs':
        return jobsTitle(b);
      case 'backup-run':
        return runTitle(b);
      case 'confirm-backup':
        return CONFIRM_TITLE;
    }
  })();
  return escape(cutPlain(text, LIMITS.fallbackText));
}
