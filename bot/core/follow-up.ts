import type { Entry } from '../../catalog/index.ts';
import type { FollowUp } from '../../intents/types.ts';
import { refOf } from './candidates.ts';
import { FACET_LABELS } from './facet-labels.ts';
import type { ReplyBody } from './types.ts';

type Answerable = Extract<FollowUp, { kind: 'why' | 'fix' | 'link' | 'facet' }>;

export function isAnswerable(f: FollowUp): f is Answerable {
  return f.kind === 'why' || f.kind === 'fix' || f.kind === 'link' || f.kind === 'facet';
}

/** Answers a question asked in an entry's thread from that entry's own facts. */
export function followUpBody(entry: Entry, f: Answerable): ReplyBody {
  const base = { kind: 'follow-up', entry: refOf(entry) } as const;
  const link = { url: entry.docs.url, title: entry.docs.title };
  switch (f.kind) {
    case 'why':
      return { ...base, topic: 'why', heading: 'Why it happens', text: entry.summary, items: entry.causes };
    case 'fix':
      return { ...base, topic: 'fix', heading: 'How to fix it', text: entry.title, actions: entry.actions, link };
    case 'link': {
      const runbook = entry.runbook ? ` Your team's runbook: ${entry.runbook}` : '';
      return { ...base, topic: 'link', heading: 'Documentation', text: `${entry.docs.title}.${runbook}`, link };
    }
    case 'facet': {
      const facet = entry.facets.find((x) => x.topic === f.topic);
      const heading = FACET_LABELS[f.topic];
      if (facet) {
        return { ...base, topic: f.topic, heading, text: facet.answer, ...(facet.code ? { code: facet.code } : {}), link };
      }
      // Saying "nothing specific" beats guessing: a wrong answer at 3 a.m. costs more.
      return {
        ...base,
        topic: f.topic,
        heading,
        text: `I have nothing specific on that for ${entry.id}. These are the steps that fix it; the docs go further.`,
        actions: entry.actions,
        link,
      };
    }
  }
}
