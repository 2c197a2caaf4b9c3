import type { Category, Entry } from '../../catalog/index.ts';
import type { AlertView } from '../core/alert-view.ts';
import type { Candidate, EntryRef, Reply, ReplyBody, StatsWindow } from '../core/types.ts';
import {
  bullets, candidateRows, code, label, note, openUrl, para, rich, run, withCodeSpans, type AcNode,
} from './adaptive-elements.ts';
import { CATEGORY_LABELS } from '../core/labels.ts';
import { pasteLines } from './entry-facts.ts';
import { entryCardParts, LEVELS, steps, WHOLE, type EntryCardOptions } from './adaptive-entry.ts';
import { alertParts } from './adaptive-alert.ts';
import { azureNodes, confirmNodes, jobsNodes, runNodes } from './adaptive-azure.ts';
import { noticeBy } from './azure-text.ts';
import { helpCard } from './adaptive-help.ts';
import { cut, jsonBytes } from './adaptive-text.ts';
import { answersOf, NO_ANSWERS, ratingOf, windowHeading } from './stats-text.ts';

/**
 * Reply → Adaptive Cards (schema 1.5) for Teams. Pure: same reply, same JSON. A reply with
 * several entries gives one card per entry, each sent as its own message so that feedback
 * on one card updates only that card.
 */

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly msteams: { readonly width: 'Full' };
  readonly fallbackText: string;
  readonly body: readonly AcNode[];
  readonly actions?: readonly AcNode[];
}

/**
 * Teams refuses messages over about 28 KB, envelope included. A card stays under this, which
 * leaves room for the activity around it (ids, conversation, service URL).
 */
export const CARD_BUDGET_BYTES = 24_000;

function card(fallbackText: string, body: readonly AcNode[], actions: readonly AcNode[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    fallbackText: cut(fallbackText, 200),
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** The first rendering that fits the budget; callers order them from richest to leanest. */
function fit(renderings: readonly (() => AdaptiveCard)[]): AdaptiveCard {
  let last: AdaptiveCard | undefined;
  for (const render of renderings) {
    last = render();
    if (jsonBytes(last) <= CARD_BUDGET_BYTES) return last;
  }
  if (!last) throw new Error('fit() needs at least one rendering');
  return last;
}

export function entryCard(entry: Entry, options: EntryCardOptions = {}): AdaptiveCard {
  return fit(
    LEVELS.map((level) => () => {
      const parts = entryCardParts(entry, level, options);
      return card(`${entry.id}: ${entry.title}`, parts.body, parts.actions);
    }),
  );
}

/**
 * The whole entry ("Show the rest"): nothing is cut, the body is spread over as many cards
 * as it takes, each under the budget, with the buttons on the last one.
 */
export function expandedEntryCards(entry: Entry, options: EntryCardOptions = {}): AdaptiveCard[] {
  const parts = entryCardParts(entry, WHOLE, options);
  const fallback = `${entry.id}: ${entry.title}`;
  const continued = (): AcNode => para(`${entry.kind === 'error' ? entry.id : entry.title} (continued)`, { subtle: true, size: 'small' });
  const fits = (body: readonly AcNode[]): boolean => jsonBytes(card(fallback, body, parts.actions)) <= CARD_BUDGET_BYTES;
  const cards: AcNode[][] = [[]];
  for (const node of parts.body) {
    const current = cards[cards.length - 1]!;
    const item = fits([continued(), node]) ? node : note('This step is too long to show in Teams; the docs link has it in full.');
    if (fits([...current, item])) current.push(item);
    else cards.push([continued(), item]);
  }
  return cards.map((body, i) => card(fallback, body, i === cards.length - 1 ? parts.actions : []));
}

function candidateCard(title: string, intro: AcNode[], candidates: readonly Candidate[], empty: string): AdaptiveCard {
  const shown = candidates.slice(0, 8);
  const rows = shown.length > 0 ? candidateRows(shown) : [note(empty)];
  return card(title, [label(title), ...intro, ...rows]);
}

function listCard(groups: readonly { readonly category: Category; readonly entries: readonly EntryRef[] }[]): AdaptiveCard {
  const render = (perGroup: number, titleChars: number) => (): AdaptiveCard => {
    const body: AcNode[] = [label('What I know about'), note('Send me any of these codes, or paste the error as you got it.')];
    for (const group of groups) {
      body.push(label(CATEGORY_LABELS[group.category]));
      for (const entry of group.entries.slice(0, perGroup)) {
        body.push(rich([run(entry.id, { mono: true, size: 'small' }), run(`  ${cut(entry.title, titleChars)}`, { size: 'small' })], 'none'));
      }
      const hidden = group.entries.length - perGroup;
      if (hidden > 0) body.push(note(`and ${String(hidden)} more; search by words to find them.`));
    }
    return card('Catalog of Azure Backup for SQL Server errors', body);
  };
  return fit([render(1000, 140), render(1000, 60), render(25, 60), render(10, 40)]);
}

function followUpCard(body: Extract<ReplyBody, { kind: 'follow-up' }>): AdaptiveCard {
  const nodes: AcNode[] = [
    // The code on a line of its own: beside the title, a long one ran off the card's edge in Teams.
    rich([run('About  ', { subtle: true, size: 'small' }), run(body.entry.id, { subtle: true, size: 'small', mono: true })]),
    para(body.entry.title, { subtle: true, size: 'small' }, 'none'),
    para(body.heading, { weight: 'bolder' }, 'small'),
    para(cut(body.text, 3000)),
    ...bullets((body.items ?? []).slice(0, 20), 600),
    ...(body.code ? code(body.code, 60, 200) : []),
  ];
  const pasted = pasteLines(body).map((line) => para(cut(line, 600), { subtle: true, size: 'small' }));
  const withSteps = (level: number): AcNode[] => [...nodes, ...steps(body.actions ?? [], LEVELS[level] ?? WHOLE), ...pasted];
  // A short label: Teams cuts a long button title mid-word.
  const actions = body.link ? [openUrl('Microsoft docs', body.link.url)] : [];
  return fit([...LEVELS.map((_, level) => () => card(body.heading, withSteps(level), actions)), () => card(body.heading, nodes.slice(0, 3), actions)]);
}

function feedbackCard(body: Extract<ReplyBody, { kind: 'feedback-ack' }>): AdaptiveCard {
  const entry = body.detail;
  const options = { alternatives: body.alternatives, feedback: { helpful: body.helpful } };
  if (entry) return entryCard(entry, options);
  const thanks = body.helpful ? 'Marked as helpful. Thanks.' : 'Marked as not helpful. Thanks, we will look at this answer.';
  const rows = !body.helpful && body.alternatives.length > 0 ? [label('Was it one of these?'), ...candidateRows(body.alternatives.slice(0, 8))] : [];
  return card(thanks, [para(body.entry.title, { weight: 'bolder' }), note(thanks), ...rows]);
}

function statsCard(windows: readonly StatsWindow[]): AdaptiveCard {
  const title = 'What the team keeps hitting';
  const body = windows.flatMap((w) => [
    label(windowHeading(w)),
    ...(w.top.length === 0
      ? [note(NO_ANSWERS)]
      : w.top.map((r, i) => rich([run(`${i + 1}. `), run(r.id, { mono: true }), run(` ${r.title} · ${answersOf(r)} · ${ratingOf(r)}`)], 'small'))),
  ]);
  return card(title, [para(title, { weight: 'bolder', size: 'medium' }), ...body]);
}

/**
 * An alert root is one card (it is redrawn in place): Azure's facts and buttons on top, then
 * the body of the diagnosis card a paste gets, leanest first when the budget is tight.
 */
function alertCard(view: AlertView): AdaptiveCard {
  const parts = alertParts(view);
  const diagnosis = view.diagnosis ? renderBody(view.diagnosis)[0] : undefined;
  const withDiagnosis = (): AdaptiveCard =>
    card(parts.title, [...parts.body, ...(diagnosis?.body ?? [])], diagnosis?.actions ?? []);
  return fit([withDiagnosis, () => card(parts.title, parts.body)]);
}

/** The cards for a reply, in sending order; the reply's note goes under the last one. */
export function renderCards(reply: Reply): AdaptiveCard[] {
  const cards = renderBody(reply.body);
  const last = cards[cards.length - 1];
  if (!reply.note || !last) return cards;
  const noted = { ...last, body: [...last.body, para(cut(reply.note, 300), { subtle: true, size: 'small' }, 'medium')] };
  return [...cards.slice(0, -1), jsonBytes(noted) <= CARD_BUDGET_BYTES ? noted : last];
}

function renderBody(body: ReplyBody): AdaptiveCard[] {
  switch (body.kind) {
    case 'entries': {
      const cards = body.entries.flatMap((entry, i) => {
        const options = { alternatives: i === 0 ? body.alternatives.slice(0, 5) : [], pasted: i === 0 ? pasteLines(body) : [] };
        return body.expanded ? expandedEntryCards(entry, options) : [entryCard(entry, options)];
      });
      const [first, ...rest] = cards;
      // The Azure buttons act on the pasted database: under the first card, which is about it.
      return body.azure && first ? [{ ...first, body: [...first.body, ...azureNodes(body.azure)] }, ...rest] : cards;
    }
    case 'did-you-mean':
      return [candidateCard('Did you mean one of these?', [para(`You wrote: ${cut(body.query, 200)}`, { subtle: true })], body.candidates, 'No close match.')];
    case 'unknown-code':
      return [
        candidateCard(
          'I do not know this code yet',
          [para(body.codes.slice(0, 10).join(', '), { mono: true }), note('It is not in the catalog. These entries are the closest:')],
          body.candidates,
          'Nothing close in the catalog. Check the code in the Azure portal job details, or say "list".',
        ),
      ];
    case 'foreign':
      return [
        card('This looks like SAP HANA, not SQL Server', [
          label('This looks like SAP HANA, not SQL Server'),
          para(body.codes.slice(0, 10).join(', '), { mono: true }),
          note('I only cover Azure Backup for SQL Server on Azure VMs. The SAP HANA troubleshooting guide covers this one.'),
        ], [openUrl('SAP HANA troubleshooting', body.docsUrl)]),
      ];
    case 'follow-up':
      return [followUpCard(body)];
    case 'help':
      return [helpCard(card, body.azure === true)];
    case 'list':
      return [listCard(body.groups)];
    case 'search':
      return [candidateCard('Search results', [para(`For: ${cut(body.query, 200)}`, { subtle: true })], body.candidates, 'Nothing in the catalog matches those words.')];
    case 'feedback-ack':
      return [feedbackCard(body)];
    case 'stats':
      return [statsCard(body.windows)];
    case 'notice': {
      const text = noticeBy(body);
      return [card(text.replace(/`/g, ''), [rich(withCodeSpans(cut(text, 2000)))])];
    }
    case 'alert':
      return [alertCard(body.view)];
    case 'jobs': {
      const { title, body: nodes } = jobsNodes(body);
      return [card(title, nodes)];
    }
    case 'backup-run': {
      const { title, body: nodes } = runNodes(body);
      return [card(title, nodes)];
    }
    case 'confirm-backup': {
      const { title, body: nodes, actions } = confirmNodes(body);
      return [card(title, nodes, actions)];
    }
  }
}
