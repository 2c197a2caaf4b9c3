import type { Action, Catalog, CodeBlock, Entry, FacetTopic, Knowledge } from '../../catalog/index.ts';
import type { FollowUp, ScriptLang } from '../../intents/index.ts';
import { relevance, termsOf } from '../../intents/index.ts';
import { refOf } from './candidates.ts';
import { FACET_LABELS, LANG_LABELS } from './labels.ts';
import type { ReplyBody } from './types.ts';

type Ask = Extract<FollowUp, { kind: 'ask' }>;
type FollowUpBody = Extract<ReplyBody, { kind: 'follow-up' }>;
type Base = Pick<FollowUpBody, 'kind' | 'entry' | 'topic'>;
type Link = NonNullable<FollowUpBody['link']>;

/** When the entry has no facet for a question, a close topic of its own answers it better than general facts. */
const NEAR_TOPICS: Partial<Record<FacetTopic, readonly FacetTopic[]>> = {
  retry: ['auto-heal'],
  'auto-heal': ['retry'],
};

/**
 * Answers a question asked in an entry's thread, from everything the catalog knows, in this
 * order: the entry's own facet; a close facet of the entry; general knowledge for the topic
 * (items the entry points to first); the entry's steps that answer the question. "Nothing
 * specific" only when none of them applies, and then it says what it can answer.
 */
export function followUpBody(catalog: Catalog, entry: Entry, ask: Ask, asked: readonly string[] = []): FollowUpBody {
  const base = { kind: 'follow-up', entry: refOf(entry), topic: ask.topic } as const;
  const link = { url: entry.docs.url, title: entry.docs.title };
  switch (ask.topic) {
    case 'why':
      return { ...base, heading: 'Why it happens', text: entry.summary, items: entry.causes };
    case 'more':
      return more(entry, ask, asked, base, link);
    case 'link': {
      const runbook = entry.runbook ? ` Your team's runbook: ${entry.runbook}` : '';
      return { ...base, heading: 'Documentation', text: `${entry.docs.title}.${runbook}`, link };
    }
    case 'fix':
      return ask.lang ? script(catalog, entry, ask.lang, base, link) : fix(entry, ask, base, link);
    default:
      return facet(catalog, entry, ask, ask.topic, base, link);
  }
}

function fix(entry: Entry, ask: Ask, base: Base, link: Link): FollowUpBody {
  // "Kick everyone off the db": the step that does that, not the whole card.
  const chosen = pickSteps(entry.actions, ask.terms);
  const text = chosen.length < entry.actions.length ? `The step${chosen.length > 1 ? 's' : ''} for that:` : entry.title;
  return { ...base, heading: 'How to fix it', text, actions: chosen, link };
}

/** Steps clearly about the question's words, or all of them when none stands out. */
function pickSteps(actions: readonly Action[], terms: readonly string[]): readonly Action[] {
  const scored = actions.map((a) => relevance(terms, `${a.text} ${a.code?.body ?? ''}`));
  const best = Math.max(0, ...scored);
  if (best < 2) return actions;
  return actions.filter((_, i) => (scored[i] ?? 0) >= best);
}

function more(entry: Entry, ask: Ask, asked: readonly string[], base: Base, link: Link): FollowUpBody {
  // "Connectivity looks fine, what else?": the causes the user has not ruled out yet.
  const ruledOut = [...ask.terms, ...asked.flatMap((t) => termsOf(t))];
  const open = entry.causes.filter((c) => relevance(ruledOut, c) === 0);
  const causes = open.length > 0 && open.length < entry.causes.length ? open : entry.causes.slice(1);
  if (causes.length === 0) return support(entry, base, link);
  const steps = entry.actions.filter((a) => relevance(ruledOut, a.text) === 0);
  return {
    ...base,
    heading: 'Other causes to check',
    text: 'If that is ruled out, these remain:',
    items: causes,
    ...(steps.length > 0 && steps.length < entry.actions.length ? { actions: steps } : {}),
    link,
  };
}

function support(entry: Entry, base: Base, link: Link): FollowUpBody {
  const f = entry.facets.find((x) => x.topic === 'support');
  const text = f?.answer ?? `Every cause I know for ${entry.id} is on the card. If it still fails after those steps, open a support case with the job id.`;
  return { ...base, topic: 'support', heading: FACET_LABELS.support, text, link };
}

function facet(
  catalog: Catalog,
  entry: Entry,
  ask: Ask,
  topic: FacetTopic,
  base: Base,
  link: Link,
): FollowUpBody {
  const heading = FACET_LABELS[topic];
  // "T-SQL to change the recovery model": an answer without code in that language is no answer.
  const speaks = (code: CodeBlock | undefined): boolean => !ask.lang || code?.lang === ask.lang;
  for (const t of [topic, ...(NEAR_TOPICS[topic] ?? [])]) {
    const own = entry.facets.find((x) => x.topic === t);
    if (own && speaks(own.code)) return { ...base, heading: FACET_LABELS[t], text: own.answer, ...(own.code ? { code: own.code } : {}), link };
  }
  const known = knowledgeFor(catalog, entry, topic, ask.terms, ask.lang);
  const steps = entry.actions.filter((a) => relevance(ask.terms, `${a.text} ${a.code?.body ?? ''}`) >= 2);
  // General facts the question does not name and the entry does not point to lose to the
  // entry's own steps that use the question's words ("do I need the private key too?").
  const loose = known !== undefined && !entry.see.includes(known.id) && relevance(ask.terms, `${known.title} ${known.keywords.join(' ')}`) === 0;
  if (known && !(loose && steps.length > 0)) return fromKnowledge(known, base, heading, link, ask.lang);
  if (ask.lang) return script(catalog, entry, ask.lang, base, link);
  if (topic === 'support') return support(entry, base, link);
  if (steps.length > 0) return { ...base, heading, text: `What the steps for ${entry.id} say about that:`, actions: steps, link };
  return { ...base, heading, text: nothingSpecific(catalog, entry), link };
}

function fromKnowledge(
  k: Knowledge,
  base: Base,
  heading: string,
  link: Link,
  lang?: ScriptLang,
): FollowUpBody {
  const blocks = lang ? k.code.filter((c) => c.lang === lang) : k.code;
  const [only, ...more] = blocks;
  const code = only && more.length === 0 ? { code: only } : {};
  const label = (c: CodeBlock): string => (c.role === 'check' ? 'Check first:' : `${LANG_LABELS[c.lang as ScriptLang] ?? 'Then'}:`);
  const actions = more.length > 0 ? { actions: blocks.map((c) => ({ text: label(c), code: c })) } : {};
  return { ...base, heading, text: k.answer, ...code, ...actions, link: k.docs ?? link };
}

/** The general item for a topic: one the entry points to, else the one whose keywords the question uses most. */
function knowledgeFor(catalog: Catalog, entry: Entry, topic: FacetTopic, terms: readonly string[], lang?: ScriptLang): Knowledge | undefined {
  const items = catalog.knowledge.filter((k) => k.topics.includes(topic) && (!lang || k.code.some((c) => c.lang === lang)));
  let best: Knowledge | undefined;
  let bestScore = -1;
  for (const k of items) {
    const linked = entry.see.indexOf(k.id);
    const score = relevance(terms, k.keywords.join(' ')) * 2 + (linked >= 0 ? 3 - linked / 100 : 0);
    if (score > bestScore) [best, bestScore] = [k, score];
  }
  return best;
}

interface Block {
  readonly text: string;
  readonly code: CodeBlock;
  readonly role: 'check' | 'fix';
}

/**
 * "PowerShell?", "az cli?", "T-SQL?": the command that does the fix in that language, with
 * the check before it where there is one. The entry's steps first, then the facts it points
 * to (an on-demand full backup for an entry whose remedy is one).
 */
function script(catalog: Catalog, entry: Entry, lang: ScriptLang, base: Base, link: Link): FollowUpBody {
  const heading = LANG_LABELS[lang];
  const blocks: Block[] = [];
  for (const a of entry.actions) if (a.code?.lang === lang) blocks.push({ text: a.text, code: a.code, role: a.code.role ?? 'fix' });
  for (const f of entry.facets) if (f.code?.lang === lang) blocks.push({ text: f.answer, code: f.code, role: f.code.role ?? 'check' });
  const seen = new Set(entry.see);
  if (entry.remedy === 'full-backup') seen.add('on-demand-backup');
  for (const k of catalog.knowledge) {
    if (!seen.has(k.id)) continue;
    for (const c of k.code) if (c.lang === lang) blocks.push({ text: k.answer, code: c, role: c.role ?? 'fix' });
  }
  const unique = blocks.filter((b, i) => blocks.findIndex((o) => o.code.body === b.code.body) === i);
  const fixes = unique.filter((b) => b.role === 'fix');
  const checks = unique.filter((b) => b.role === 'check').slice(0, 2);
  const chosen = [...checks, ...fixes];
  if (chosen.length > 0) {
    const text = fixes.length > 0 ? `${heading} for ${entry.id}${checks.length > 0 ? ': check first, then fix' : ''}.` : `No ${heading} command fixes this by itself; this one checks, and the steps below fix it.`;
    const actions = chosen.map((b) => ({ text: b.text, code: b.code }));
    const rest = fixes.length > 0 ? [] : entry.actions.filter((a) => !a.code || a.code.lang !== lang);
    return { ...base, heading, text, actions: [...actions, ...rest], link };
  }
  return {
    ...base,
    heading,
    text: `There is no ${heading} command for this fix. These are the steps, with the commands they need:`,
    actions: entry.actions,
    link,
  };
}

/** Names what the thread can answer, so "nothing specific" still leads somewhere. */
function nothingSpecific(catalog: Catalog, entry: Entry): string {
  const topics = new Set<string>(['why', 'how to fix it', 'the docs']);
  for (const f of entry.facets) topics.add(FACET_LABELS[f.topic].toLowerCase());
  for (const id of entry.see) {
    const k = catalog.knowledge.find((x) => x.id === id);
    if (k) topics.add(k.title.toLowerCase());
  }
  return `I have nothing specific on that for ${entry.id}. In this thread I can answer: ${[...topics].join('; ')}.`;
}

