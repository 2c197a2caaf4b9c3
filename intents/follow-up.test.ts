import { describe, expect, it } from 'vitest';
import { entrySchema, type Entry } from '../catalog/index.ts';
import { createFollowUpClassifier } from './follow-up.ts';
import type { FollowUp } from './types.ts';

function entryWith(topics: Entry['facets'][number]['topic'][]): Entry {
  return entrySchema.parse({
    id: 'UserErrorSQLLSNValidationFailure',
    kind: 'error',
    category: 'backup',
    title: 'The log chain is broken',
    severity: 'error',
    summary: 'A summary.',
    causes: ['A cause.'],
    actions: [{ text: 'An action.' }],
    facets: topics.map((topic) => ({ topic, answer: `About ${topic}.` })),
    examples: ['a', 'b', 'c'],
    docs: { url: 'https://example.com/doc#x', title: 'Doc' },
    sources: ['troubleshoot-article'],
  });
}

const classifier = createFollowUpClassifier();
const entry = entryWith(['auto-heal', 'recovery-model']);
const ask = (text: string, e: Entry = entry): FollowUp => classifier.followUp(text, e);

describe('followUp', () => {
  it.each([
    ["what if it's the master database?", 'master-database'],
    ['How do I change the recovery model?', 'recovery-model'],
    ['is there a PowerShell command?', 'powershell'],
    ['what query should I run', 'sql'],
    ['do I need sysadmin', 'permissions'],
    ['will it fix itself', 'auto-heal'],
    ['can I just retry', 'retry'],
    ['what about our AG', 'always-on'],
  ] as const)('reads "%s" as the %s facet', (text, topic) => {
    expect(ask(text)).toEqual({ kind: 'facet', topic });
  });

  it.each([
    ['link?', 'link'],
    ["that's not it", 'not-it'],
    ['wrong error', 'not-it'],
    ['thanks!', 'thanks'],
    ['why?', 'why'],
    ['ok, so what do I do now?', 'fix'],
  ] as const)('reads "%s" as %s', (text, kind) => {
    expect(ask(text)).toEqual({ kind });
  });

  it('falls back to the trained model for questions no rule names', () => {
    expect(ask('what broke it this time')).toEqual({ kind: 'why' });
    expect(ask('how do we get rid of this')).toEqual({ kind: 'fix' });
  });

  it('answers unknown for chatter in the thread', () => {
    for (const text of ['lunch anyone?', 'huh', '', '🙂']) expect(ask(text)).toEqual({ kind: 'unknown' });
  });

  it('when a question names two topics, prefers the one the entry can answer', () => {
    const text = 'can I retry it on the AG secondary?';
    expect(ask(text, entryWith(['always-on']))).toEqual({ kind: 'facet', topic: 'always-on' });
    expect(ask(text, entryWith(['retry']))).toEqual({ kind: 'facet', topic: 'retry' });
  });

  it('lets a real question win over politeness', () => {
    expect(ask('thanks, but do I need sysadmin for this?')).toEqual({ kind: 'facet', topic: 'permissions' });
  });
});
