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

const topicOf = (text: string, e: Entry = entry): string => {
  const f = ask(text, e);
  return f.kind === 'ask' ? `${f.topic}${f.lang ? `/${f.lang}` : ''}` : f.kind;
};

describe('followUp', () => {
  it.each([
    ["what if it's the master database?", 'master-database'],
    ['How do I change the recovery model?', 'recovery-model'],
    ['do I need sysadmin', 'permissions'],
    ['what perms does it need', 'permissions'],
    ['will it fix itself', 'auto-heal'],
    ['do I need to do anything?', 'auto-heal'],
    ['can I just retry', 'retry'],
    ['is it safe to retry?', 'retry'],
    ['what about our AG', 'always-on'],
    ['what if it still fails after 24h?', 'support'],
    ['we have 3 named instances on that VM, does that change anything?', 'instances'],
    ['if I switch it to full, will log backups just work from the next run?', 'recovery-model'],
    ['connectivity looks fine, what else?', 'more'],
    ['where are the extension logs btw', 'logs'],
    ['link?', 'link'],
    ['why?', 'why'],
    ['we also push a GPO that restricts the TLS cipher suites, could that matter', 'why'],
    ['ok, so what do I do now?', 'fix'],
    ['what can I do?', 'fix'],
    ['options?', 'fix'],
    ['what should I check?', 'fix'],
    ['then what', 'fix'],
  ] as const)('reads "%s" as %s', (text, topic) => {
    expect(topicOf(text)).toBe(topic);
  });

  it.each([
    ['powershell?', 'fix/powershell'],
    ['is there a PowerShell command?', 'fix/powershell'],
    ['az cli?', 'fix/bash'],
    ['az cli version pls', 'fix/bash'],
    ['T-SQL?', 'fix/sql'],
    ['SQL to count the files?', 'fix/sql'],
    ['what query should I run', 'fix/sql'],
    ['the command to fix it', 'fix'],
    ['t-sql to put the db back to full recovery', 'recovery-model/sql'],
  ] as const)('reads the scripting question "%s" as %s, naming its language', (text, topic) => {
    expect(topicOf(text)).toBe(topic);
  });

  it('reads a rejection with or without more words, keeping the words as clues', () => {
    expect(ask("that's not it")).toEqual({ kind: 'not-it', clues: '' });
    expect(ask('wrong one')).toMatchObject({ kind: 'not-it' });
    expect(ask('no')).toMatchObject({ kind: 'not-it' });
    expect(ask("nope, that's not it - recovery model is FULL and it isn't master")).toEqual({
      kind: 'not-it',
      clues: "recovery model is full and it isn't master",
    });
    // "no" opening a real question is not a rejection.
    expect(topicOf('no full backup yet, will it fix itself?')).toBe('auto-heal');
  });

  it('tells thanks, chatter and off-topic questions apart', () => {
    for (const text of ['thanks!', 'ok', 'cheers', 'got it']) expect(ask(text)).toEqual({ kind: 'thanks' });
    for (const text of ['huh', '', 'one sec, checking']) expect(ask(text).kind).toMatch(/unknown|thanks/);
    expect(ask('how to reset my VPN password?')).toEqual({ kind: 'off-topic' });
    expect(ask('unrelated - how do i get access to the finance sharepoint site?')).toEqual({ kind: 'off-topic' });
  });

  it('when a question names two topics, prefers the one the entry can answer', () => {
    const text = 'can I retry it on the AG secondary?';
    expect(topicOf(text, entryWith(['always-on']))).toBe('always-on');
    expect(topicOf(text, entryWith(['retry']))).toBe('retry');
  });

  it('lets a real question win over politeness', () => {
    expect(topicOf('thanks, but do I need sysadmin for this?')).toBe('permissions');
  });

  it('never takes a question for a rejection unless it says so', () => {
    expect(classifier.followUp("what's os error 5", entryWith([])).kind).toBe('ask');
    expect(classifier.followUp("that's not it, is it the AG?", entryWith([])).kind).toBe('not-it');
  });
});
