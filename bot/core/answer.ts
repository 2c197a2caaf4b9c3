import type { Entry } from '../../catalog/index.ts';
import type { Classification, Match, Mode, PasteDetails } from '../../intents/index.ts';
import { hasDetails, pasteDetails, reportSignal } from '../../intents/index.ts';
import { toCandidates } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import { adviceFor, personalizeEntry, readingFor } from './personalize.ts';
import type { ReplyBody } from './types.ts';

/** Below this, a runner-up is noise on the card; it is still offered on "that's not it". */
const SHOWN_ALTERNATIVE = 0.3;
/**
 * Direct mode answers plain words with the top entry when it leads clearly: at least this
 * score and this many times the runner-up's. Closer calls are real ties: "did you mean".
 */
const LEAD_SCORE = 0.2;
const LEAD_RATIO = 1.2;
/** Candidates below this are not worth a button: a "did you mean" of noise reads as broken. */
const CANDIDATE_FLOOR = 0.08;

export const TRUNCATED_NOTE = 'Your message was long, so I read only part of it closely (its start and end); codes anywhere in it still count.';

export const SAP_HANA_DOCS = 'https://learn.microsoft.com/azure/backup/backup-azure-sap-hana-database-troubleshoot';

/** What an answer is decided with: the CLI passes just these. */
type Deciding = Pick<CoreDeps, 'catalog' | 'classifier'>;

/** What an answer is about, so a thread can carry on from it. */
export interface Answer {
  readonly body: ReplyBody;
  /** The entry the conversation is now about (the first one answered), if any. */
  readonly entryId: string | null;
  /** The other entries worth offering on "that's not it". */
  readonly candidateIds: readonly string[];
  /** What the paste said, for the follow-ups. */
  readonly details?: PasteDetails;
}

function leadsClearly(matches: readonly Match[]): boolean {
  const [top, second] = matches;
  return top !== undefined && top.score >= LEAD_SCORE && top.score >= (second?.score ?? 0) * LEAD_RATIO;
}

function chosenEntries(deps: Deciding, c: Classification, mode: Mode): Entry[] {
  const { catalog } = deps;
  const ids = c.found.length > 0 ? c.found : (c.trigger || (mode === 'direct' && leadsClearly(c.matches))) && c.matches[0] ? [c.matches[0].id] : [];
  return ids.map((id) => catalog.get(id)).filter((e): e is Entry => e !== undefined);
}

/**
 * Turns a classification into an answer. Channel mode answers only what the classifier
 * would trigger on (a noisy bot gets removed); direct mode always answers something.
 */
export function answerFor(deps: Deciding, text: string, c: Classification, mode: Mode): Answer | null {
  const { catalog } = deps;
  const details = pasteDetails(text);
  const chosen = chosenEntries(deps, c, mode).map((e) => readingFor(catalog, e, details));
  if (chosen.length > 0) {
    const ids = chosen.map((e) => e.id);
    const others = toCandidates(catalog, c.matches, ids);
    const personal = chosen.map((e) => personalizeEntry(e, details));
    const filled = [...new Set(personal.flatMap((p) => p.filled))];
    const advice = chosen.flatMap((e) => adviceFor(e, details));
    return {
      body: {
        kind: 'entries',
        entries: personal.map((p) => p.entry),
        alternatives: others.filter((a) => a.score >= SHOWN_ALTERNATIVE || (c.found.length === 0 && a.score >= CANDIDATE_FLOOR)),
        ...(hasDetails(details) ? { details } : {}),
        ...(advice.length > 0 ? { advice } : {}),
        ...(filled.length > 0 ? { filled } : {}),
        ...(c.corrected.length > 0 ? { corrected: c.corrected } : {}),
      },
      entryId: ids[0] ?? null,
      candidateIds: others.map((a) => a.id),
      ...(hasDetails(details) ? { details } : {}),
    };
  }
  if (c.foreign && c.foreign.codes.length > 0) {
    // The SAP HANA plug-in shares the backup extension; a SQL answer would mislead, and a
    // literal code is a clear enough paste to say so even unprompted.
    return {
      body: { kind: 'foreign', product: c.foreign.product, codes: c.foreign.codes, docsUrl: SAP_HANA_DOCS },
      entryId: null,
      candidateIds: [],
    };
  }
  if (mode === 'channel') return null;
  if (c.unknownCodes.length > 0) {
    const scored = c.unknownCodes.flatMap((code) => deps.classifier.nearest(code, 3));
    const candidates = toCandidates(catalog, [...scored].sort((a, b) => b.score - a.score));
    return { body: { kind: 'unknown-code', codes: c.unknownCodes, candidates }, entryId: null, candidateIds: candidates.map((x) => x.id) };
  }
  const candidates = toCandidates(catalog, c.matches.filter((m) => m.score >= CANDIDATE_FLOOR));
  // Chatter and gibberish name nothing: the help card with its examples beats a list of noise.
  if (candidates.length === 0 || !reportSignal(text).domain) return { body: { kind: 'help' }, entryId: null, candidateIds: [] };
  return {
    body: { kind: 'did-you-mean', query: text.trim(), candidates },
    entryId: null,
    candidateIds: candidates.map((x) => x.id),
  };
}
