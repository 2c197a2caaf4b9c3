import { describe, expect, it } from 'vitest';
import { entrySchema, loadCatalog, type Entry } from '../../catalog/index.ts';
import { nodesOf, validateCard } from '../../test/teams/validate-card.ts';
import { renderCards } from './adaptive-card.ts';
import { SUBMIT_KEY } from './adaptive-elements.ts';
import { POST_THREAD_KEY, taskCard, type TaskPost } from './adaptive-task.ts';

const catalog = loadCatalog();
const entry = (id: string): Entry => catalog.get(id)!;

/** An operator entry long enough to need "Show the rest" and several chat cards. */
function long(): Entry {
  const base = entry('UserErrorSQLNoSysadminMembership');
  const step = (i: number) => ({ text: `Step ${String(i)}: ${'check the instance and the service account carefully '.repeat(30)}`, code: { lang: 'sql' as const, body: Array.from({ length: 90 }, (_, l) => `SELECT ${String(l)} AS line_${String(i)};`).join('\n') } });
  return entrySchema.parse({ ...base, actions: Array.from({ length: 12 }, (_, i) => step(i + 1)) });
}

const post: TaskPost = { action: { kind: 'share', entryIds: ['UserErrorSQLNoSysadminMembership'] }, thread: '1700000000001' };
const titles = (card: unknown): string[] => ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);
const runs = (card: unknown): string[] => nodesOf(card).filter((n) => n.type === 'TextRun').map((n) => String(n.text));

describe('the task module card', () => {
  it('is the chat card with Post first, carrying the Share and the reply chain', () => {
    const card = taskCard({ body: { kind: 'entries', entries: [entry('UserErrorSQLNoSysadminMembership')], alternatives: [] }, delivery: 'ephemeral' }, post)!;
    expect(validateCard(card)).toEqual([]);
    expect(titles(card)[0]).toBe('Post in conversation');
    const data = card.actions?.[0]?.['data'];
    expect(data).toEqual({ [SUBMIT_KEY]: post.action, [POST_THREAD_KEY]: '1700000000001' });
  });

  it('shows a paste with several errors as its first, naming the others', () => {
    const entries = [entry('UserErrorSQLNoSysadminMembership'), entry('UserErrorSQLLSNValidationFailure')];
    const card = taskCard({ body: { kind: 'entries', entries, alternatives: [] }, delivery: 'ephemeral' }, post)!;
    expect(validateCard(card)).toEqual([]);
    expect(runs(card)).toContain('Also found in this message: UserErrorSQLLSNValidationFailure. Post in conversation shares them all.');
  });

  it('joins "Show the rest" into one scrolling card with the buttons of the last', () => {
    const reply = { body: { kind: 'entries' as const, entries: [long()], alternatives: [], expanded: true }, delivery: 'thread' as const };
    const chat = renderCards(reply);
    expect(chat.length).toBeGreaterThan(1);
    const card = taskCard(reply, post)!;
    expect(validateCard(card)).toEqual([]);
    expect(titles(card)).toEqual(['Post in conversation', ...titles(chat.at(-1))]);
    expect(titles(card)).toContain('Microsoft docs');
    const text = runs(card).join('\n');
    expect(text).toContain('Step 1:');
    // Either every step fits, or the card says where the rest is.
    const whole = text.includes('Step 12:');
    expect(whole || JSON.stringify(card).includes('too long for this dialog')).toBe(true);
  });
});
