import type { Entry } from '../../catalog/index.ts';
import { termsOf } from '../../intents/index.ts';
import { othersThan, toCandidates } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import type { ThreadContext } from './thread-context.ts';
import type { Candidate } from './types.ts';

/** "isn't master", "not an AG", "no mirroring": what the user rules out. */
const NEGATED = /\b(?:isn'?t|is not|not|no|never|without)\s+(?:an?\s+|the\s+|in\s+|on\s+|using\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/g;

function ruledOut(clues: string): string[] {
  const out: string[] = [];
  for (const m of clues.matchAll(NEGATED)) out.push(...termsOf(m[1] ?? ''));
  // "recovery model is FULL": the recovery-model reading is ruled out as well.
  if (/\brecovery(?: model)? is (?:full|bulk)/.test(clues)) out.push('simpl');
  return out;
}

/**
 * "That's not it", with or without more words. The words after it are clues: they rank the
 * next candidates, and what they rule out ("it isn't master") drops the entries about it.
 * Without clues: the thread's runners-up, else the entry's related entries.
 */
export function rejectedCandidates(deps: CoreDeps, entry: Entry, context: ThreadContext, clues: string): Candidate[] {
  const { catalog } = deps;
  const fallback = othersThan(catalog, entry, context.candidateIds);
  const banned = ruledOut(clues);
  const allowed = (c: Candidate): boolean => {
    const title = new Set(termsOf(catalog.get(c.id)?.title ?? ''));
    return !banned.some((t) => title.has(t));
  };
  const fromClues = termsOf(clues).length >= 2 ? deps.classifier.classify(clues, 'direct').matches.filter((m) => m.score >= 0.2) : [];
  const ranked = toCandidates(catalog, [...fromClues, ...fallback, ...entry.related.map((id) => ({ id, score: 0 }))], [entry.id], 12);
  const kept = ranked.filter(allowed);
  return (kept.length > 0 ? kept : ranked).slice(0, 4);
}
