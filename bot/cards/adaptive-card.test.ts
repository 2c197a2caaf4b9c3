import { describe, expect, it } from 'vitest';
import { entrySchema, loadCatalog, type Entry, type EntryInput } from '../../catalog/index.ts';
import type { Candidate, Reply, ReplyBody } from '../core/types.ts';
import { nodesOf, validateCard } from '../../test/teams/validate-card.ts';
import { CARD_BUDGET_BYTES, renderCards, type AdaptiveCard } from './adaptive-card.ts';
import { SUBMIT_KEY } from './adaptive-elements.ts';

const catalog = loadCatalog();

function fixture(overrides: Partial<EntryInput> = {}): Entry {
  return entrySchema.parse({
    id: 'UserErrorExampleFailure',
    kind: 'error',
    category: 'backup',
    title: 'Example failure for the renderer',
    severity: 'error',
    messages: [{ text: 'The example operation failed.', source: 'test' }],
    summary: 'Something went wrong in the example.',
    causes: ['First cause.', 'Second cause.'],
    actions: [{ text: 'Run the query.', code: { lang: 'sql', body: 'SELECT *\nFROM sys.databases;' } }, { text: 'Retry.' }],
    examples: ['one', 'two', 'three'],
    docs: { url: 'https://learn.microsoft.com/azure/backup/x#y', title: 'Docs' },
    sources: ['operator'],
    ...overrides,
  });
}

const reply = (body: ReplyBody): Reply => ({ body, delivery: 'thread' });
const one = (body: ReplyBody): AdaptiveCard => {
  const cards = renderCards(reply(body));
  expect(cards).toHaveLength(1);
  return cards[0]!;
};
const bytes = (card: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(card));
const runs = (card: AdaptiveCard): string[] => nodesOf(card).filter((n) => n.type === 'TextRun').map((n) => String(n.text));
const textBlocks = (card: AdaptiveCard): string[] => nodesOf(card).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
const submits = (card: AdaptiveCard): { title: string; action: unknown }[] =>
  nodesOf(card)
    .filter((n) => n.type === 'Action.Submit')
    .map((n) => ({ title: String(n.title), action: (n.data as Record<string, unknown>)[SUBMIT_KEY] }));
const candidate = (id: string, title: string): Candidate => ({ id, title, category: 'backup', score: 0.5 });

describe('entry cards', () => {
  it('renders every catalog entry as a valid card under the Teams size limit', () => {
    for (const entry of catalog.entries) {
      const card = one({ kind: 'entries', entries: [entry], alternatives: [] });
      expect(validateCard(card), entry.id).toEqual([]);
      expect(bytes(card), entry.id).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      // Nothing in the built-in catalog is long enough to need shortening.
      expect(submits(card).map((s) => s.title), entry.id).not.toContain('Show the rest');
    }
  });

  it('shows code, title, severity, Azure message, causes, numbered steps with monospace code, docs and feedback', () => {
    const card = one({ kind: 'entries', entries: [fixture()], alternatives: [] });
    const text = runs(card);
    expect(text).toEqual(expect.arrayContaining(['Error', 'UserErrorExampleFailure', 'Example failure for the renderer', 'The example operation failed.', '• First cause.', '1.', 'Run the query.', '2.', 'Retry.']));
    const codeRun = nodesOf(card).find((n) => n.type === 'TextRun' && n.text === 'SELECT *\nFROM sys.databases;');
    expect(codeRun?.fontType).toBe('monospace');
    expect(card.actions).toContainEqual(expect.objectContaining({ type: 'Action.OpenUrl', url: 'https://learn.microsoft.com/azure/backup/x#y' }));
    expect(submits(card)).toEqual([
      { title: 'Helpful', action: { kind: 'feedback', entryId: 'UserErrorExampleFailure', helpful: true } },
      { title: 'Not helpful', action: { kind: 'feedback', entryId: 'UserErrorExampleFailure', helpful: false } },
    ]);
  });

  it('gives each entry of a multi-code paste its own card, with the alternatives on the first', () => {
    const [a, b] = catalog.entries;
    const cards = renderCards(reply({ kind: 'entries', entries: [a!, b!], alternatives: [candidate('UserErrorOther', 'Other')] }));
    expect(cards.map((c) => runs(c))).toEqual([expect.arrayContaining([a!.title]), expect.arrayContaining([b!.title])]);
    expect(submits(cards[0]!).map((s) => s.action)).toContainEqual({ kind: 'pick', entryId: 'UserErrorOther' });
    expect(submits(cards[1]!).map((s) => s.action)).not.toContainEqual({ kind: 'pick', entryId: 'UserErrorOther' });
  });

  it('cuts a huge operator entry cleanly to fit, and offers the rest', () => {
    const word = 'backup ';
    const huge = fixture({
      summary: word.repeat(3000),
      causes: Array.from({ length: 40 }, (_, i) => `Cause ${String(i)} ${'的日志链断了 '.repeat(200)}`),
      actions: Array.from({ length: 30 }, (_, i) => ({
        text: `Step ${String(i)} ${word.repeat(300)}`,
        code: { lang: 'sql' as const, body: Array.from({ length: 200 }, (_, l) => `SELECT ${String(l)} ${'x'.repeat(400)};`).join('\n') },
      })),
    });
    const card = one({ kind: 'entries', entries: [huge], alternatives: Array.from({ length: 5 }, (_, i) => candidate(`UserErrorAlt${String(i)}`, 'T'.repeat(140))) });
    expect(validateCard(card)).toEqual([]);
    expect(bytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(submits(card).map((s) => s.action)).toContainEqual({ kind: 'more', entryId: 'UserErrorExampleFailure' });
    const summary = runs(card).find((t) => t.startsWith('backup'))!;
    expect(summary.endsWith('backup…')).toBe(true);
    const code = nodesOf(card).find((n) => n.fontType === 'monospace' && String(n.text).startsWith('SELECT 0'));
    expect(String(code?.text).split('\n').every((line) => line.startsWith('SELECT '))).toBe(true);
    expect(textBlocks(card).some((t) => /more line\(s\)/.test(t))).toBe(true);
  });
});

describe('the whole entry ("Show the rest")', () => {
  it('spreads a huge entry over several cards, each under the limit, without cutting text', () => {
    const summary = `${'backup '.repeat(2000)}END`;
    const huge = fixture({
      summary,
      actions: Array.from({ length: 12 }, (_, i) => ({
        text: `Step ${String(i)}`,
        code: { lang: 'sql' as const, body: Array.from({ length: 60 }, (_, l) => `SELECT ${String(l)} AS line_${String(i)};`).join('\n') },
      })),
    });
    const cards = renderCards(reply({ kind: 'entries', entries: [huge], alternatives: [], expanded: true }));
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(validateCard(card)).toEqual([]);
      expect(bytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
    const all = cards.flatMap(runs);
    expect(all).toContain(summary);
    expect(all.filter((t) => /^SELECT 0 AS line_\d+;\n/.test(t))).toHaveLength(12);
    expect(all.find((t) => t.startsWith('SELECT 0 AS line_11'))?.split('\n')).toHaveLength(60);
    // Buttons once, on the last card.
    expect(cards.slice(0, -1).flatMap(submits)).toEqual([]);
    expect(submits(cards[cards.length - 1]!).map((s) => s.title)).toEqual(['Helpful', 'Not helpful']);
  });
});

describe('user text stays literal', () => {
  const hostile = '**bold** _it_ # head > quote [click](https://evil.example) <at>Boss</at> @everyone {{DATE(2017-02-14T06:08:39Z, SHORT)}}';

  it('never reaches a markdown TextBlock, and survives verbatim in a TextRun', () => {
    const bodies: ReplyBody[] = [
      { kind: 'did-you-mean', query: hostile, candidates: [candidate('UserErrorX', hostile)] },
      { kind: 'search', query: hostile, candidates: [] },
      { kind: 'notice', text: hostile },
      { kind: 'unknown-code', codes: [hostile], candidates: [] },
    ];
    for (const body of bodies) {
      const card = one(body);
      expect(validateCard(card)).toEqual([]);
      expect(textBlocks(card).join('\n')).not.toMatch(/\*\*bold|<at>|evil|@everyone|DATE\(/);
      const shown = runs(card).join('\n');
      expect(shown).toContain('**bold** _it_ # head > quote [click](https://evil.example) <at>Boss</at> @everyone');
      // The renderer's date substitution would otherwise turn this into a date.
      expect(shown).not.toContain('{{DATE');
    }
  });

  it('keeps catalog text literal too (an operator entry is text, not markup)', () => {
    const card = one({ kind: 'entries', entries: [fixture({ title: '<at>Ops</at> **urgent**' })], alternatives: [] });
    expect(runs(card)).toContain('<at>Ops</at> **urgent**');
    expect(textBlocks(card).join('\n')).not.toContain('urgent');
  });
});

describe('other replies', () => {
  it('did-you-mean, search and unknown-code offer one pick button per candidate', () => {
    const candidates = [candidate('UserErrorA', 'A title'), candidate('UserErrorB', 'B title')];
    for (const body of [
      { kind: 'did-you-mean', query: 'log chain', candidates },
      { kind: 'search', query: 'log chain', candidates },
      { kind: 'unknown-code', codes: ['UserErrorNope'], candidates },
    ] as const) {
      const card = one(body);
      expect(validateCard(card)).toEqual([]);
      expect(submits(card).map((s) => s.action)).toEqual([{ kind: 'pick', entryId: 'UserErrorA' }, { kind: 'pick', entryId: 'UserErrorB' }]);
      expect(runs(card)).toEqual(expect.arrayContaining(['A title', '  UserErrorA']));
    }
    expect(runs(one({ kind: 'unknown-code', codes: ['UserErrorNope'], candidates: [] }))).toContain('UserErrorNope');
  });

  it('answers a follow-up with its context, bullet items, monospace code and link', () => {
    const card = one({
      kind: 'follow-up',
      entry: { id: 'UserErrorA', title: 'A title', category: 'backup' },
      heading: 'PowerShell',
      text: 'Run this.',
      items: ['first', 'second'],
      code: { lang: 'powershell', body: 'Get-AzRecoveryServicesVault' },
      link: { url: 'https://learn.microsoft.com/x#y', title: 'Docs' },
      topic: 'powershell',
    });
    expect(validateCard(card)).toEqual([]);
    expect(runs(card)).toEqual(expect.arrayContaining(['UserErrorA', 'A title', 'PowerShell', 'Run this.', '• first', '• second']));
    expect(nodesOf(card).find((n) => n.text === 'Get-AzRecoveryServicesVault')?.fontType).toBe('monospace');
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: 'https://learn.microsoft.com/x#y' })]);
  });

  it('answers "how do I fix it" with numbered steps, and puts the reply note under the last card', () => {
    const entry = fixture();
    const cards = renderCards({
      delivery: 'thread',
      note: 'Your message was long, so I read only its beginning.',
      body: { kind: 'follow-up', entry: { id: entry.id, title: entry.title, category: 'backup' }, heading: 'How to fix it', text: entry.title, actions: entry.actions, topic: 'fix' },
    });
    expect(cards).toHaveLength(1);
    expect(validateCard(cards[0])).toEqual([]);
    expect(runs(cards[0]!)).toEqual(expect.arrayContaining(['1.', 'Run the query.', '2.', 'Retry.', 'SELECT *\nFROM sys.databases;']));
    expect(runs(cards[0]!).at(-1)).toBe('Your message was long, so I read only its beginning.');
  });

  it('lists the whole catalog by category, and a huge catalog still fits', () => {
    const groups = [
      { category: 'backup' as const, entries: catalog.entries.filter((e) => e.category === 'backup') },
      { category: 'restore' as const, entries: catalog.entries.filter((e) => e.category === 'restore') },
    ];
    const card = one({ kind: 'list', groups });
    expect(validateCard(card)).toEqual([]);
    expect(runs(card)).toEqual(expect.arrayContaining(groups.flatMap((g) => g.entries.map((e) => e.id))));
    expect(textBlocks(card)).toEqual(expect.arrayContaining(['Backup', 'Restore']));
    const many = Array.from({ length: 600 }, (_, i) => ({ id: `UserErrorGenerated${String(i)}`, title: 'A long generated title '.repeat(6), category: 'backup' as const }));
    const big = one({ kind: 'list', groups: [{ category: 'backup', entries: many }] });
    expect(bytes(big)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(textBlocks(big).some((t) => /^and \d+ more/.test(t))).toBe(true);
  });

  it('points SAP HANA codes at the HANA guide', () => {
    const card = one({ kind: 'foreign', product: 'sap-hana', codes: ['UserErrorHANAInternalRoleNotPresent'], docsUrl: 'https://learn.microsoft.com/azure/backup/sap-hana#x' });
    expect(validateCard(card)).toEqual([]);
    expect(runs(card)).toContain('UserErrorHANAInternalRoleNotPresent');
    expect(card.actions).toEqual([expect.objectContaining({ url: 'https://learn.microsoft.com/azure/backup/sap-hana#x' })]);
  });

  it('redraws the full card after feedback, without the buttons, and with alternatives when not helpful', () => {
    const entry = fixture();
    const ref = { id: entry.id, title: entry.title, category: entry.category };
    const [helpful] = renderCards(reply({ kind: 'feedback-ack', helpful: true, entry: ref, alternatives: [], detail: entry }));
    expect(validateCard(helpful)).toEqual([]);
    expect(runs(helpful!)).toContain('Run the query.');
    expect(textBlocks(helpful!)).toContain('Marked as helpful. Thanks, that tells us the answer is right.');
    expect(submits(helpful!)).toEqual([]);
    const [unhelpful] = renderCards(reply({ kind: 'feedback-ack', helpful: false, entry: ref, alternatives: [candidate('UserErrorB', 'B')], detail: entry }));
    expect(submits(unhelpful!).map((s) => s.action)).toEqual([{ kind: 'pick', entryId: 'UserErrorB' }]);
    // Without the entry itself, a short acknowledgement still renders.
    const [stub] = renderCards(reply({ kind: 'feedback-ack', helpful: true, entry: ref, alternatives: [] }));
    expect(validateCard(stub)).toEqual([]);
    expect(runs(stub!)).toContain(entry.title);
  });

  it('shows the commands in a notice monospace, without the backticks', () => {
    const card = one({ kind: 'notice', text: 'That entry is gone. Try `/sqlbackup list`.' });
    expect(validateCard(card)).toEqual([]);
    expect(nodesOf(card).filter((n) => n.type === 'TextRun').map((n) => [n.text, n.fontType])).toEqual([
      ['That entry is gone. Try ', undefined],
      ['/sqlbackup list', 'monospace'],
      ['.', undefined],
    ]);
  });

  it('help and notices are valid cards', () => {
    expect(validateCard(one({ kind: 'help' }))).toEqual([]);
    expect(validateCard(one({ kind: 'notice', text: 'Watching this channel.' }))).toEqual([]);
  });
});

describe('snapshots', () => {
  it('entry card', () => {
    expect(one({ kind: 'entries', entries: [fixture()], alternatives: [candidate('UserErrorB', 'B title')] })).toMatchSnapshot();
  });
  it('help card', () => {
    expect(one({ kind: 'help' })).toMatchSnapshot();
  });
});
