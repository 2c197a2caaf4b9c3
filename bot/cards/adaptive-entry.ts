import type { Action, Entry, Severity } from '../../catalog/index.ts';
import type { Candidate } from '../core/types.ts';
import {
  bullets, candidateRows, code, container, label, note, openUrl, para, rich, run, submit,
  type AcNode, type Color,
} from './adaptive-elements.ts';
import { cut } from './adaptive-text.ts';
import { shownMessage } from './entry-facts.ts';

/**
 * The card for one catalog entry, at a given level of detail. The caller tries the levels
 * in order and keeps the first that fits Teams' size limit; the last level is bounded by
 * construction, so some level always fits.
 */

export interface Detail {
  readonly causes: number;
  readonly actions: number;
  readonly textChars: number;
  readonly codeLines: number;
  readonly codeWidth: number;
}

/** "Show the rest": nothing is cut short; the adapter splits the card across messages instead. */
export const WHOLE: Detail = { causes: 1000, actions: 1000, textChars: 100_000, codeLines: 10_000, codeWidth: 10_000 };

export const LEVELS: readonly Detail[] = [
  { causes: 50, actions: 50, textChars: 4000, codeLines: 80, codeWidth: 300 },
  { causes: 6, actions: 8, textChars: 700, codeLines: 25, codeWidth: 160 },
  { causes: 3, actions: 4, textChars: 300, codeLines: 10, codeWidth: 100 },
];

export interface EntryCardOptions {
  readonly alternatives?: readonly Candidate[];
  /** What the bot read from the paste (details, corrections, advice), shown under the title. */
  readonly pasted?: readonly string[];
  /** Set once the user pressed Helpful / Not helpful: the buttons give way to a thank-you. */
  readonly feedback?: { readonly helpful: boolean };
}

export interface EntryCardParts {
  readonly body: AcNode[];
  readonly actions: AcNode[];
  /** True when something was left out at this level: the card offers "Show the rest". */
  readonly shortened: boolean;
}

const SEVERITY: Record<Severity, { readonly text: string; readonly color: Color }> = {
  error: { text: 'Error', color: 'attention' },
  warning: { text: 'Warning', color: 'warning' },
  info: { text: 'Info', color: 'accent' },
};


function header(entry: Entry): AcNode[] {
  const severity = SEVERITY[entry.severity];
  const meta = [run(severity.text, { weight: 'bolder', color: severity.color, size: 'small' })];
  if (entry.kind !== 'error') meta.push(run(entry.kind === 'topic' ? '   How-to' : '   Alert', { subtle: true, size: 'small' }));
  // A code on a line of its own gets the card's whole width; beside the severity a long one was clipped.
  const code = entry.kind === 'error' ? [rich([run(entry.id, { mono: true, size: 'small' })], 'none')] : [];
  return [rich(meta), ...code, para(entry.title, { weight: 'bolder', size: 'medium' }, 'small')];
}

/** Numbered steps, each with its command shown monospace under it. */
export function steps(actions: readonly Action[], d: Detail): AcNode[] {
  return actions.slice(0, d.actions).map((action, i) => ({
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      { type: 'Column', width: 'auto', items: [para(`${String(i + 1)}.`, { weight: 'bolder' })] },
      {
        type: 'Column',
        width: 'stretch',
        items: [para(cut(action.text, d.textChars)), ...(action.code ? code(action.code, d.codeLines, d.codeWidth) : [])],
      },
    ],
  }));
}

function wasShortened(entry: Entry, d: Detail): boolean {
  const long = (text: string): boolean => text.length > d.textChars;
  const longCode = (body: string): boolean =>
    body.split('\n').length > d.codeLines || body.split('\n').some((line) => line.length > d.codeWidth);
  return (
    entry.causes.length > d.causes ||
    entry.actions.length > d.actions ||
    long(entry.summary) ||
    entry.causes.slice(0, d.causes).some(long) ||
    entry.actions.slice(0, d.actions).some((a) => long(a.text) || (a.code !== undefined && longCode(a.code.body)))
  );
}

function operatorLine(entry: Entry): AcNode[] {
  const parts = [entry.owner ? `Owner: ${entry.owner}` : '', entry.escalation ? `Escalation: ${entry.escalation}` : ''];
  const text = parts.filter(Boolean).join('   ');
  return text ? [para(cut(text, 300), { subtle: true, size: 'small' }, 'medium')] : [];
}

function feedbackArea(entry: Entry, options: EntryCardOptions): { body: AcNode[]; actions: AcNode[] } {
  const alternatives = options.alternatives ?? [];
  if (!options.feedback) {
    return {
      body: alternatives.length > 0 ? [label('Not this one? Also possible:'), ...candidateRows(alternatives)] : [],
      actions: [
        submit('Helpful', { kind: 'feedback', entryId: entry.id, helpful: true }, 'positive'),
        submit('Not helpful', { kind: 'feedback', entryId: entry.id, helpful: false }),
      ],
    };
  }
  const thanks = options.feedback.helpful
    ? note('Marked as helpful. Thanks, that tells us the answer is right.')
    : note('Marked as not helpful. Thanks, we will look at this answer.');
  const rows = !options.feedback.helpful && alternatives.length > 0 ? [label('Was it one of these?'), ...candidateRows(alternatives)] : [];
  return { body: [thanks, ...rows], actions: [] };
}

export function entryCardParts(entry: Entry, d: Detail, options: EntryCardOptions = {}): EntryCardParts {
  const message = shownMessage(entry);
  const shortened = wasShortened(entry, d);
  const feedback = feedbackArea(entry, options);
  const pasted = options.pasted ?? [];
  const body: AcNode[] = [
    ...header(entry),
    ...(pasted.length > 0 ? [container(pasted.map((line) => para(cut(line, 600), { size: 'small' })), 'emphasis')] : []),
    ...(message ? [label('What Azure says'), container([para(cut(message, d.textChars), { italic: true })], 'emphasis')] : []),
    label('What it means'),
    para(cut(entry.summary, d.textChars)),
    label('Likely causes'),
    ...bullets(entry.causes.slice(0, d.causes), d.textChars),
    label('What to do'),
    ...steps(entry.actions, d),
    ...(shortened ? [note('Some of this entry is shortened to fit in Teams. Use "Show the rest" for the full text.')] : []),
    ...operatorLine(entry),
    ...feedback.body,
  ];
  const actions: AcNode[] = [
    openUrl('Microsoft docs', entry.docs.url),
    ...(entry.runbook ? [openUrl('Runbook', entry.runbook)] : []),
    ...feedback.actions,
    ...(shortened ? [submit('Show the rest', { kind: 'more', entryId: entry.id })] : []),
  ];
  return { body, actions, shortened };
}
