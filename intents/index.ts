import type { Catalog } from '../catalog/index.ts';
import { buildModel, classifyWith } from './classify.ts';
import { createFollowUpClassifier, type FollowUpClassifier } from './follow-up.ts';
import type { CodeGuess } from './fuzzy-codes.ts';
import { nearestIds } from './nearest-ids.ts';
import type { Classification, FollowUp, Mode } from './types.ts';
import type { Entry } from '../catalog/index.ts';

export type { Classification, FollowUp, Match, MatchVia, Mode, ScriptLang, Topic } from './types.ts';
export { asksSomething, relevance, termsOf } from './turn-words.ts';
export { reportSignal } from './report-signal.ts';
export { pasteDetails, hasDetails, type PasteDetails } from './paste-details.ts';
export type { CodeGuess } from './fuzzy-codes.ts';
/**
 * Paste limits. A paste of up to MAX_CLASSIFY_CHARS (1 MiB) characters has every catalog
 * code found wherever it sits. Its first 48 KiB and last 16 KiB (FULL_READ_CHARS together)
 * are read in full: codes, Azure and SQL Server messages, plain words; the middle only for
 * codes, in one linear pass. A longer paste is read the same way with its middle cut at
 * MAX_CLASSIFY_CHARS - TAIL_CHARS, so that at most MAX_CLASSIFY_CHARS are read. Anything not
 * read in full sets `truncated`.
 */
export { FULL_READ_CHARS, HEAD_CHARS, MAX_CLASSIFY_CHARS, TAIL_CHARS } from './normalize.ts';
export { THRESHOLDS } from './classify.ts';
export { createFollowUpClassifier, type FollowUpClassifier } from './follow-up.ts';
export { HANA_ONLY_CODES, isHanaCode } from './hana.ts';

export interface Classifier {
  /** Ranks catalog entries for a message; see Classification for what each field means. */
  classify(text: string, mode: Mode): Classification;
  /** Nearest entry ids to a code or word by string distance, best first ("did you mean"). */
  nearest(query: string, n?: number): CodeGuess[];
  /** What a question in a thread about `entry` asks: why, fix, link, a facet topic, not-it, thanks. */
  followUp(text: string, entry: Entry): FollowUp;
  /** Builds now what is otherwise built on first use (the text model, the follow-up classifier). */
  warm(): void;
}

/** Builds every index and model classify() needs once; classify() is then pure and cheap. */
export function createClassifier(catalog: Catalog): Classifier {
  const model = buildModel(catalog);
  // Trained on first use: only thread replies need it, and the bot should be ready sooner.
  let followUps: FollowUpClassifier | undefined;
  const followUpClassifier = (): FollowUpClassifier => (followUps ??= createFollowUpClassifier(new Set(model.text.idf.keys())));
  return {
    classify: (text, mode) => classifyWith(model, typeof text === 'string' ? text : '', mode),
    nearest: (query, n = 3) => nearestIds(query, catalog.entries, n),
    followUp: (text, entry) => followUpClassifier().followUp(typeof text === 'string' ? text : '', entry),
    warm: () => void followUpClassifier(),
  };
}
