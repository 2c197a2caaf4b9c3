import type { Entry } from '../../catalog/index.ts';
import type { Classification, Mode } from '../../intents/types.ts';
import { toCandidates } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import type { ReplyBody } from './types.ts';

/** Below this, a runner-up is noise on the card; it is still offered on "that's not it". */
const SHOWN_ALTERNATIVE = 0.3;

export const SAP_HANA_DOCS = 'https://learn.microsoft.com/azure/backup/backup-azure-sap-hana-database-troubleshoot';

/** What an answer is about, so a thread can carry on from it. */
export interface Answer {
  readonly body: ReplyBody;
  /** The entry the conversation is now about (the first one answered), if any. */
  readonly entryId: string | null;
  /** The other entries worth offering on "that's not it". */
  readonly candidateIds: readonly string[];
}

/**
 * Turns a classification into an answer. Channel mode answers only what the classifier
 * would trigger on (a noisy bot gets removed); direct mode always answers something.
 */
export function answerFor(deps: CoreDeps, text: string, c: Classification, mode: Mode): Answer | null {
  const { catalog } = deps;
  const found = c.found.map((id) => catalog.get(id)).filter((e): e is Entry => e !== undefined);
  const chosen = found.length > 0 ? found : c.trigger && c.matches[0] ? [catalog.get(c.matches[0].id)].filter((e) => e !== undefined) : [];
  if (chosen.length > 0) {
    const ids = chosen.map((e) => e.id);
    const others = toCandidates(catalog, c.matches, ids);
    return {
      body: { kind: 'entries', entries: chosen, alternatives: others.filter((a) => a.score >= SHOWN_ALTERNATIVE) },
      entryId: ids[0] ?? null,
      candidateIds: others.map((a) => a.id),
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
  const candidates = toCandidates(catalog, c.matches);
  return {
    body: { kind: 'did-you-mean', query: text.trim(), candidates },
    entryId: null,
    candidateIds: candidates.map((x) => x.id),
  };
}
