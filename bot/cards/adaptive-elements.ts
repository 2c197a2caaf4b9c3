import type { CodeBlock } from '../../catalog/index.ts';
import type { Candidate, CardAction, EntryRef } from '../core/types.ts';
import { CODE_LABELS } from '../core/labels.ts';
import { cut, cutCode, literal } from './adaptive-text.ts';

/**
 * Adaptive Card 1.5 building blocks. Only the shapes Teams renders on desktop, web and
 * mobile: TextBlock (fixed wording only), RichTextBlock/TextRun (all variable text),
 * Container, ColumnSet, ActionSet, Action.Submit, Action.OpenUrl.
 */

export interface AcNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** The key under which an Action.Submit carries its CardAction; Teams returns `data` as `activity.value`. */
export const SUBMIT_KEY = 'sqlbackup';

export type Color = 'default' | 'accent' | 'good' | 'warning' | 'attention';

export interface RunStyle {
  readonly weight?: 'bolder';
  readonly size?: 'small' | 'medium' | 'large';
  readonly color?: Color;
  readonly subtle?: boolean;
  readonly italic?: boolean;
  readonly mono?: boolean;
}

export function run(text: string, style: RunStyle = {}): AcNode {
  return {
    type: 'TextRun',
    text: literal(text),
    ...(style.weight ? { weight: style.weight } : {}),
    ...(style.size ? { size: style.size } : {}),
    ...(style.color ? { color: style.color } : {}),
    ...(style.subtle ? { isSubtle: true } : {}),
    ...(style.italic ? { italic: true } : {}),
    ...(style.mono ? { fontType: 'monospace' } : {}),
  };
}

/**
 * The core writes commands in its notices between backticks (`/sqlbackup list`): shown here
 * as monospace runs, still literal text, never markdown.
 */
export function withCodeSpans(text: string): AcNode[] {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 === 1 ? run(part, { mono: true }) : run(part)))
    .filter((node) => node.text !== '');
}

export function rich(runs: readonly AcNode[], spacing?: 'none' | 'small' | 'medium'): AcNode {
  return { type: 'RichTextBlock', inlines: runs, ...(spacing ? { spacing } : {}) };
}

/** A paragraph of variable text. */
export function para(text: string, style: RunStyle = {}, spacing?: 'none' | 'small' | 'medium'): AcNode {
  return rich([run(text, style)], spacing);
}

/** A section heading in the renderer's own words (never user or catalog text). */
export function label(text: string): AcNode {
  return { type: 'TextBlock', text, weight: 'bolder', spacing: 'medium', wrap: true };
}

export function note(text: string): AcNode {
  return { type: 'TextBlock', text, isSubtle: true, size: 'small', spacing: 'small', wrap: true };
}

export function container(items: readonly AcNode[], style?: 'emphasis' | 'good' | 'warning' | 'attention'): AcNode {
  return { type: 'Container', items, ...(style ? { style, bleed: false } : {}), spacing: 'small' };
}

/** Code shown monospace on a shaded background; `omitted` lines are said, not silently lost. */
export function code(block: CodeBlock, maxLines: number, maxWidth: number): AcNode[] {
  const shown = cutCode(block.body, maxLines, maxWidth);
  const nodes = [note(CODE_LABELS[block.lang]), container([para(shown.body, { mono: true, size: 'small' })], 'emphasis')];
  if (shown.omitted > 0) nodes.push(note(`${String(shown.omitted)} more line(s) in the full entry.`));
  return nodes;
}

export function bullets(items: readonly string[], maxChars: number): AcNode[] {
  return items.map((item) => para(`• ${cut(item, maxChars)}`, {}, 'small'));
}

export function submit(title: string, action: CardAction, style?: 'positive' | 'destructive'): AcNode {
  return { type: 'Action.Submit', title: cut(title, 60), data: { [SUBMIT_KEY]: action }, ...(style ? { style } : {}) };
}

export function openUrl(title: string, url: string): AcNode {
  return { type: 'Action.OpenUrl', title: cut(title, 60), url };
}

/** One line per candidate entry: its title and id, with a button that opens it. */
export function candidateRows(candidates: readonly (Candidate | EntryRef)[], button = 'Show'): AcNode[] {
  return candidates.map((c) => ({
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'center',
        items: [rich([run(cut(c.title, 140)), run(`  ${c.id}`, { subtle: true, size: 'small', mono: true })])],
      },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'center',
        items: [{ type: 'ActionSet', actions: [submit(button, { kind: 'pick', entryId: c.id })] }],
      },
    ],
  }));
}
