import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { entrySchema, loadCatalog, type Entry, type EntryInput } from '../../catalog/index.ts';
import type { Reply } from '../core/types.ts';
import { decodeAction } from './slack-action.ts';
import { renderSlack } from './slack-blocks.ts';
import { blockKitViolations } from './slack-limits.ts';

const HOSTILE = 'boom <!channel> <!here> <!everyone> <@U123> <#C999> @channel @here & <https://evil.example|click me> ```';

function fixture(over: Partial<EntryInput> = {}): Entry {
  return entrySchema.parse({
    id: 'UserErrorExampleFailure',
    kind: 'error',
    category: 'backup',
    title: 'Example failure for rendering tests',
    severity: 'error',
    messages: [{ text: 'Azure says the example failed.', source: 'test' }],
    summary: 'A made-up entry that exercises every part of the card.',
    causes: ['The first cause.', 'The second cause, with a <placeholder> & an ampersand.'],
    actions: [
      { text: 'Run this query.', code: { lang: 'sql', body: 'SELECT name FROM sys.databases WHERE state <> 0;' } },
      { text: 'Then retry the backup.' },
    ],
    examples: ['one', 'two', 'three'],
    docs: { url: 'https://learn.microsoft.com/azure/backup/example#section', title: 'Example docs' },
    sources: ['operator'],
    ...over,
  });
}

const buttons = (blocks: readonly KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.filter((e) => e.type === 'button') : []));
const sectionTexts = (blocks: readonly KnownBlock[]) => blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
/** Text Slack parses for mentions and links: mrkdwn and the fallback. plain_text is shown as is. */
const mrkdwnTexts = (message: { text: string; blocks: readonly KnownBlock[] }) => [
  message.text,
  ...message.blocks.flatMap((b) => {
    if (b.type === 'section' && b.text?.type === 'mrkdwn') return [b.text.text];
    if (b.type === 'context') return b.elements.flatMap((e) => (e.type === 'mrkdwn' ? [e.text] : []));
    return [];
  }),
];
const entries = (list: readonly Entry[], delivery: Reply['delivery'] = 'thread', expanded = false): Reply => ({
  body: { kind: 'entries', entries: list, alternatives: [], ...(expanded ? { expanded } : {}) },
  delivery,
});

describe('renderSlack: Block Kit limits', () => {
  const catalog = loadCatalog();

  it('keeps every catalog entry within the limits, compact, expanded and shared', () => {
    for (const entry of catalog.entries) {
      for (const reply of [entries([entry], 'ephemeral'), entries([entry], 'thread', true), entries([entry], 'channel')]) {
        const message = renderSlack(reply);
        expect(blockKitViolations(message.blocks), entry.id).toEqual([]);
        expect(message.text).toContain(entry.id);
      }
    }
  });

  it('fits a paste naming every entry at once into 50 blocks, offering the rest one click away', () => {
    const message = renderSlack(entries(catalog.entries));
    expect(blockKitViolations(message.blocks)).toEqual([]);
    const more = buttons(message.blocks).map((b) => decodeAction(b.value)).filter((a) => a?.kind === 'more');
    const headers = message.blocks.filter((b) => b.type === 'header').length;
    expect(headers).toBeGreaterThan(0);
    expect(more.length).toBeGreaterThan(0);
    // Every entry is at least named, so nobody misses that their paste held it.
    const json = JSON.stringify(message.blocks);
    for (const entry of catalog.entries) expect(json).toContain(entry.id);
  });

  it('cuts an oversized step cleanly in the compact card and shows all of it when expanded', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `EXEC dbo.step_${i} @flag = 1; -- line ${i}`);
    const big = fixture({ actions: [{ text: 'A very long script.', code: { lang: 'sql', body: lines.join('\n') } }, { text: 'Last step.' }] });

    const compact = renderSlack(entries([big]));
    expect(blockKitViolations(compact.blocks)).toEqual([]);
    const more = buttons(compact.blocks).find((b) => b.text.text === 'Show the rest');
    expect(decodeAction(more?.value)).toEqual({ kind: 'more', entryId: big.id });
    for (const text of sectionTexts(compact.blocks)) expect((text.match(/```/g) ?? []).length % 2).toBe(0);

    const full = renderSlack(entries([big], 'thread', true));
    expect(blockKitViolations(full.blocks)).toEqual([]);
    const all = sectionTexts(full.blocks).join('\n');
    for (const line of lines) expect(all).toContain(line);
    for (const text of sectionTexts(full.blocks)) expect((text.match(/```/g) ?? []).length % 2).toBe(0);
    expect(buttons(full.blocks).some((b) => b.text.text === 'Show the rest')).toBe(false);
  });

  it('cuts headers and button labels to their limits', () => {
    const long = 'W'.repeat(200);
    const message = renderSlack({
      body: { kind: 'did-you-mean', query: long, candidates: [{ id: 'X', title: long, category: 'backup', score: 0.5 }] },
      delivery: 'thread',
    });
    expect(blockKitViolations(message.blocks)).toEqual([]);
    expect(blockKitViolations(renderSlack(entries([fixture({ title: 'T'.repeat(140) })])).blocks)).toEqual([]);
  });
});

describe('renderSlack: user text cannot ping or break the card', () => {
  const replies: Reply[] = [
    { body: { kind: 'did-you-mean', query: HOSTILE, candidates: [] }, delivery: 'thread' },
    { body: { kind: 'search', query: HOSTILE, candidates: [{ id: 'X', title: 'x', category: 'backup', score: 1 }] }, delivery: 'ephemeral' },
    { body: { kind: 'unknown-code', codes: [HOSTILE], candidates: [] }, delivery: 'ephemeral' },
    { body: { kind: 'notice', text: HOSTILE }, delivery: 'ephemeral' },
    entries([fixture({ title: HOSTILE.slice(0, 140), summary: HOSTILE, causes: [HOSTILE], actions: [{ text: HOSTILE, code: { lang: 'text', body: HOSTILE } }] })]),
  ];

  it.each(replies.map((r) => [r.body.kind, r] as const))('%s: no mention, link or broken fence survives', (_kind, reply) => {
    const message = renderSlack(reply);
    const texts = mrkdwnTexts(message);
    expect(texts.join('\n')).toContain('boom');
    for (const text of texts) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toContain('<https://evil');
      expect(text).not.toMatch(/@(channel|here|everyone)\b/);
      expect((text.match(/```/g) ?? []).length % 2).toBe(0);
    }
    for (const block of message.blocks) if (block.type === 'header') expect(block.text.type).toBe('plain_text');
  });

  it('still shows the escaped text, so the user sees what they wrote', () => {
    const message = renderSlack(replies[0] as Reply);
    expect(JSON.stringify(message.blocks)).toContain('&lt;!channel&gt;');
  });
});

describe('renderSlack: buttons', () => {
  it('offers Share only on a private answer, and every button decodes to the action it stands for', () => {
    const entry = fixture();
    const shared = buttons(renderSlack(entries([entry], 'ephemeral')).blocks).map((b) => decodeAction(b.value));
    expect(shared).toContainEqual({ kind: 'share', entryIds: [entry.id] });
    expect(shared).toContainEqual({ kind: 'feedback', entryId: entry.id, helpful: true });
    expect(shared).toContainEqual({ kind: 'feedback', entryId: entry.id, helpful: false });
    const inThread = buttons(renderSlack(entries([entry], 'thread')).blocks).map((b) => decodeAction(b.value));
    expect(inThread.some((a) => a?.kind === 'share')).toBe(false);
  });

  it('turns candidates into pick buttons', () => {
    const message = renderSlack({
      body: {
        kind: 'did-you-mean',
        query: 'log chain',
        candidates: [
          { id: 'A1', title: 'First', category: 'backup', score: 0.6 },
          { id: 'B2', title: 'Second', category: 'restore', score: 0.4 },
        ],
      },
      delivery: 'thread',
    });
    expect(buttons(message.blocks).map((b) => decodeAction(b.value))).toEqual([
      { kind: 'pick', entryId: 'A1' },
      { kind: 'pick', entryId: 'B2' },
    ]);
  });

  it('rejects button values it did not make', () => {
    expect(decodeAction('{"kind":"pick"}')).toBeNull();
    expect(decodeAction('not json')).toBeNull();
    expect(decodeAction(JSON.stringify({ kind: 'share', entryIds: [] }))).toBeNull();
    expect(decodeAction(undefined)).toBeNull();
  });
});

describe('renderSlack: snapshots', () => {
  const entry = fixture({ runbook: 'https://wiki.example/runbooks/example', owner: 'DBA team' });
  const ref = { id: entry.id, title: entry.title, category: entry.category } as const;
  const cases: [string, Reply][] = [
    ['entry card, private', entries([entry], 'ephemeral')],
    ['entry card in a thread with alternatives', { body: { kind: 'entries', entries: [entry], alternatives: [{ ...ref, id: 'UserErrorOther', title: 'Another one', score: 0.4 }] }, delivery: 'thread', note: 'Your message was long.' }],
    ['follow-up with a facet', { body: { kind: 'follow-up', entry: ref, topic: 'sql', heading: 'T-SQL', text: 'Check it.', code: { lang: 'sql', body: 'SELECT 1;' }, link: { url: entry.docs.url, title: 'Docs' } }, delivery: 'thread' }],
    ['helpful thanks', { body: { kind: 'feedback-ack', helpful: true, entry: ref, alternatives: [], detail: entry }, delivery: 'replace' }],
    ['not helpful', { body: { kind: 'feedback-ack', helpful: false, entry: ref, alternatives: [{ ...ref, id: 'UserErrorOther', title: 'Another one', score: 0 }] }, delivery: 'replace' }],
    ['help', { body: { kind: 'help' }, delivery: 'ephemeral' }],
    ['foreign', { body: { kind: 'foreign', product: 'sap-hana', codes: ['UserErrorHanaExample'], docsUrl: 'https://learn.microsoft.com/x#y' }, delivery: 'thread' }],
  ];
  it.each(cases)('%s', (_name, reply) => {
    const message = renderSlack(reply);
    expect(blockKitViolations(message.blocks)).toEqual([]);
    expect(message).toMatchSnapshot();
  });
});
