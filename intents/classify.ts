import type { Catalog } from '../catalog/index.ts';
import { gatherEvidence, type Evidence, type Indices } from './evidence.ts';
import { buildCodeIndex, codesIn } from './extract-codes.ts';
import { buildFuzzyIndex } from './fuzzy-codes.ts';
import { buildMessageIndex } from './match-messages.ts';
import { prepareInput } from './normalize.ts';
import { reportSignal } from './report-signal.ts';
import { buildSqlErrorIndex } from './sql-errors.ts';
import { buildTextModel, scoreText, type TextModel } from './text-model.ts';
import type { Classification, Match, MatchVia, Mode } from './types.ts';

/**
 * Thresholds. Tuned on the `tune` split of the eval corpus only (see the report in the
 * commit history); the `test` split measures them.
 */
export const THRESHOLDS = {
  /** Direct mode: answer with the entry rather than "did you mean". */
  direct: 0.5,
  /** Direct mode: how far ahead of the runner-up a plain-words match must be. */
  directMargin: 0.04,
  /** Channel mode: a plain-words report or question must score this high... */
  channelText: 0.45,
  /** A question that reports no trouble ("how do I ...") must score this high. */
  channelQuestion: 0.5,
  /** ...and lead the runner-up by this much. */
  channelMargin: 0.15,
  /** Channel mode: a misspelt code answers unprompted only when this close. */
  channelFuzzy: 0.85,
} as const;

const MAX_MATCHES = 5;
const VIA_RANK: Readonly<Record<MatchVia, number>> = { code: 0, 'numeric-code': 1, message: 2, 'sql-error': 3, text: 4 };

export interface Model extends Indices {
  readonly text: TextModel;
}

/**
 * The literal indices are built at once; the text model (most of the build time) on first
 * use: a paste that names a code never needs it, so `explain <code>` and a bot's first
 * answers to codes do not wait for it. The bot warms it just after it starts listening.
 */
export function buildModel(catalog: Catalog): Model {
  const entries = catalog.entries;
  let text: TextModel | undefined;
  return {
    entries,
    codes: buildCodeIndex(entries),
    fuzzy: buildFuzzyIndex(entries),
    messages: buildMessageIndex(entries),
    sqlErrors: buildSqlErrorIndex(entries),
    get text() {
      return (text ??= buildTextModel(entries));
    },
  };
}

/** One match per entry: its best score, the strongest way it was found, its first place. */
function merge(evidence: readonly Evidence[]): (Match & { at: number; literal: boolean; fuzzy: boolean })[] {
  const byId = new Map<string, Match & { at: number; literal: boolean; fuzzy: boolean }>();
  for (const e of evidence) {
    const old = byId.get(e.id);
    if (!old) {
      byId.set(e.id, { id: e.id, score: e.score, via: e.via, at: e.at, literal: e.literal, fuzzy: e.fuzzy });
      continue;
    }
    const better = e.score > old.score;
    byId.set(e.id, {
      id: e.id,
      score: Math.max(old.score, e.score),
      via: better ? e.via : old.via,
      at: e.literal && !old.literal ? e.at : Math.min(old.at, e.at),
      literal: old.literal || e.literal,
      fuzzy: better ? e.fuzzy : old.fuzzy,
    });
  }
  return [...byId.values()];
}

export function classifyWith(model: Model, raw: string, mode: Mode): Classification {
  const { text, truncated } = prepareInput(raw, (middle) => codesIn(middle, model.codes));
  const { evidence, unknownCodes, hana } = gatherEvidence(text, model);
  const literalCount = evidence.filter((e) => e.literal).length;
  // Plain words only matter when the paste names nothing: a text guess next to a code is noise.
  const textGuesses = literalCount === 0 && unknownCodes.length === 0 && hana.length === 0 ? scoreText(text, model.text) : [];
  for (const g of textGuesses) evidence.push({ id: g.id, score: g.score * 0.95, via: 'text', at: Number.MAX_SAFE_INTEGER, literal: false, fuzzy: false });

  const merged = merge(evidence).sort((a, b) => b.score - a.score || VIA_RANK[a.via] - VIA_RANK[b.via] || a.at - b.at);
  const found = merged
    .filter((m) => m.literal)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.id);
  const matches: Match[] = merged.slice(0, MAX_MATCHES).map(({ id, score, via }) => ({ id, score: round(score), via }));
  const foreign = hana.length > 0 ? { product: 'sap-hana' as const, codes: hana } : null;
  const exactCode = evidence.some((e) => e.literal && (e.via === 'code' || e.via === 'numeric-code'));

  const top = merged[0];
  const second = merged[1]?.score ?? 0;
  let trigger = false;
  if (top && !(foreign && !exactCode) && !(unknownCodes.length > 0 && found.length === 0)) {
    if (found.length > 0) trigger = true;
    else if (top.fuzzy) trigger = mode === 'direct' ? top.score >= THRESHOLDS.direct : top.score >= THRESHOLDS.channelFuzzy;
    else if (mode === 'direct') trigger = top.score >= THRESHOLDS.direct && top.score - second >= THRESHOLDS.directMargin;
    else {
      const signal = reportSignal(text);
      // A DBA asking the channel about backups wants an answer as much as one reporting a
      // failure; the score and margin keep chat that merely mentions backups out.
      const bar = signal.trouble ? THRESHOLDS.channelText : THRESHOLDS.channelQuestion;
      const asked = signal.trouble || (signal.asks && signal.backup);
      trigger = asked && signal.domain && top.score >= bar && top.score - second >= THRESHOLDS.channelMargin;
    }
  }
  // A misspelt code the answer rests on: the card says what it was read as.
  const corrected = top?.fuzzy && found.length === 0 ? evidence.filter((e) => e.id === top.id && e.from).slice(0, 1).map((e) => ({ from: e.from!, to: e.id })) : [];
  return { trigger, matches, found, unknownCodes, foreign, truncated, corrected };
}

function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
