import type { Classification, Mode } from '../intents/types.ts';
import { KINDS, SILENT_KINDS, SPLITS, type EvalCase, type Kind, type Split } from './load-corpus.ts';

/** The part of the classifier the evaluation needs (the real one, or the bench's baseline). */
export interface ClassifierLike {
  classify(text: string, mode: Mode): Classification;
}

/** `rate` is null when no case was eligible, so "no data" never reads as 0% or 100%. */
export interface Rate {
  readonly n: number;
  readonly hits: number;
  readonly rate: number | null;
}

export interface KindFigures {
  readonly n: number;
  readonly top1: Rate;
  readonly top3: Rate;
  readonly channelTrigger: Rate;
  readonly falseTrigger: Rate;
}

export interface Summary {
  readonly cases: number;
  /** Cases naming an entry, direct mode: the first expected id is the best match. */
  readonly top1: Rate;
  readonly top3: Rate;
  /** Cases naming an entry that trigger in channel mode (reported, not a floor). */
  readonly channelTrigger: Rate;
  /** Of the channel triggers, those whose best match is not an expected entry: a confident wrong card. */
  readonly wrongTrigger: Rate;
  /** Multi cases where every expected id is in `found`. */
  readonly multiRecall: Rate;
  /** Multi cases where `found` lists the expected ids in order of appearance. */
  readonly multiOrder: Rate;
  /** Quiet, unknown-code and hana cases that make the bot answer. */
  readonly falseTrigger: Rate;
  readonly unknownDetected: Rate;
  readonly foreignRecognised: Rate;
  readonly byKind: Readonly<Partial<Record<Kind, KindFigures>>>;
}

export type Problem = 'false-trigger' | 'top1' | 'top3' | 'recall' | 'foreign' | 'unknown' | 'wrong-trigger' | 'order' | 'no-trigger';
/** Worst first: a bot that speaks up wrongly costs more than one that misses. */
const SEVERITY: readonly Problem[] = ['false-trigger', 'wrong-trigger', 'top1', 'recall', 'foreign', 'unknown', 'top3', 'order', 'no-trigger'];

export interface Failure {
  readonly id: string;
  readonly kind: Kind;
  readonly split: Split;
  readonly problems: readonly Problem[];
  readonly expect: readonly string[];
  /** Direct-mode matches as "id score via". */
  readonly got: readonly string[];
  readonly found: readonly string[];
  readonly channelTrigger: boolean;
  readonly text: string;
}

export interface Metrics {
  readonly overall: Summary;
  readonly bySplit: Readonly<Record<Split, Summary>>;
  /** Every case with a problem, worst problem first. */
  readonly failures: readonly Failure[];
}

interface Outcome {
  readonly c: EvalCase;
  readonly named: boolean;
  readonly top1: boolean;
  readonly top3: boolean;
  readonly triggered: boolean;
  readonly wrongTrigger: boolean;
  readonly recall: boolean;
  readonly order: boolean;
  readonly falseTrigger: boolean;
  readonly unknownOk: boolean;
  readonly foreignOk: boolean;
  readonly direct: Classification;
}

function judge(classifier: ClassifierLike, c: EvalCase): Outcome {
  const direct = classifier.classify(c.text, 'direct');
  const channel = classifier.classify(c.text, 'channel');
  const ids = direct.matches.map((m) => m.id);
  const named = c.expect.length > 0;
  // In a multi paste every expected code is an equally right first answer.
  const hitWithin = (k: number) =>
    c.kind === 'multi' ? ids.slice(0, k).some((id) => c.expect.includes(id)) : ids.slice(0, k).includes(c.expect[0] ?? '');
  const channelBest = channel.matches[0]?.id;
  const foundExpected = direct.found.filter((id) => c.expect.includes(id));
  const silent = SILENT_KINDS.includes(c.kind);
  return {
    c,
    named,
    top1: named && hitWithin(1),
    top3: named && hitWithin(3),
    triggered: channel.trigger,
    wrongTrigger: named && channel.trigger && (channelBest === undefined || !c.expect.includes(channelBest)),
    recall: c.expect.every((id) => direct.found.includes(id)),
    order: foundExpected.join() === c.expect.join(),
    falseTrigger: silent && (channel.trigger || (c.kind === 'hana' && direct.trigger && direct.matches.length > 0)),
    unknownOk: (c.unknown ?? []).every((code) => direct.unknownCodes.includes(code)),
    foreignOk: direct.foreign?.product === 'sap-hana' && channel.foreign?.product === 'sap-hana',
    direct,
  };
}

function rate(outcomes: readonly Outcome[], eligible: (o: Outcome) => boolean, hit: (o: Outcome) => boolean): Rate {
  const pool = outcomes.filter(eligible);
  const hits = pool.filter(hit).length;
  return { n: pool.length, hits, rate: pool.length === 0 ? null : hits / pool.length };
}

const isMulti = (o: Outcome) => o.c.kind === 'multi';
const isSilent = (o: Outcome) => SILENT_KINDS.includes(o.c.kind);

function summarize(outcomes: readonly Outcome[]): Summary {
  const byKind: Partial<Record<Kind, KindFigures>> = {};
  for (const kind of KINDS) {
    const of = outcomes.filter((o) => o.c.kind === kind);
    if (of.length === 0) continue;
    byKind[kind] = {
      n: of.length,
      top1: rate(of, (o) => o.named, (o) => o.top1),
      top3: rate(of, (o) => o.named, (o) => o.top3),
      channelTrigger: rate(of, (o) => o.named, (o) => o.triggered),
      falseTrigger: rate(of, isSilent, (o) => o.falseTrigger),
    };
  }
  return {
    cases: outcomes.length,
    top1: rate(outcomes, (o) => o.named, (o) => o.top1),
    top3: rate(outcomes, (o) => o.named, (o) => o.top3),
    channelTrigger: rate(outcomes, (o) => o.named, (o) => o.triggered),
    wrongTrigger: rate(outcomes, (o) => o.named && o.triggered, (o) => o.wrongTrigger),
    multiRecall: rate(outcomes, isMulti, (o) => o.recall),
    multiOrder: rate(outcomes, isMulti, (o) => o.order),
    falseTrigger: rate(outcomes, isSilent, (o) => o.falseTrigger),
    unknownDetected: rate(outcomes, (o) => o.c.kind === 'unknown-code', (o) => o.unknownOk),
    foreignRecognised: rate(outcomes, (o) => o.c.kind === 'hana', (o) => o.foreignOk),
    byKind,
  };
}

function problemsOf(o: Outcome): Problem[] {
  const p: Problem[] = [];
  if (o.falseTrigger) p.push('false-trigger');
  if (o.wrongTrigger) p.push('wrong-trigger');
  if (o.named && !o.top1) p.push('top1');
  if (isMulti(o) && !o.recall) p.push('recall');
  if (o.c.kind === 'hana' && !o.foreignOk) p.push('foreign');
  if (!o.unknownOk) p.push('unknown');
  if (o.named && !o.top3) p.push('top3');
  if (isMulti(o) && o.recall && !o.order) p.push('order');
  if (o.named && !o.triggered) p.push('no-trigger');
  return p;
}

function toFailure(o: Outcome, problems: Problem[]): Failure {
  return {
    id: o.c.id,
    kind: o.c.kind,
    split: o.c.split,
    problems,
    expect: o.c.expect,
    got: o.direct.matches.map((m) => `${m.id} ${m.score.toFixed(2)} ${m.via}`),
    found: o.direct.found,
    channelTrigger: o.triggered,
    text: o.c.text.length > 200 ? `${o.c.text.slice(0, 200)}…` : o.c.text,
  };
}

/** Pure: runs every case in both modes and scores the answers. */
export function evaluate(classifier: ClassifierLike, cases: readonly EvalCase[]): Metrics {
  const outcomes = cases.map((c) => judge(classifier, c));
  const failures = outcomes
    .map((o) => ({ o, problems: problemsOf(o) }))
    .filter(({ problems }) => problems.length > 0)
    .sort((a, b) => SEVERITY.indexOf(a.problems[0] ?? 'no-trigger') - SEVERITY.indexOf(b.problems[0] ?? 'no-trigger'))
    .map(({ o, problems }) => toFailure(o, problems));
  return {
    overall: summarize(outcomes),
    bySplit: Object.fromEntries(SPLITS.map((split) => [split, summarize(outcomes.filter((o) => o.c.split === split))])) as Record<Split, Summary>,
    failures,
  };
}

/** One line per failure, for test messages and the console. */
export function formatFailure(f: Failure): string {
  const text = f.text.replace(/\s+/g, ' ');
  return `${f.id} [${f.kind}/${f.split}] ${f.problems.join(',')}: expect [${f.expect.join(', ')}] got [${f.got.slice(0, 3).join('; ')}] found [${f.found.join(', ')}] channel=${f.channelTrigger ? 'trigger' : 'quiet'} :: ${text}`;
}
