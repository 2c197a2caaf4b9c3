import { FOLLOW_UP_PHRASES } from './follow-up-phrases.ts';
import { canonicalTokens } from './normalize.ts';
import { isDomainStem } from './report-signal.ts';
import { isStopWord, stem } from './words.ts';

/** Questions open with these (after a "btw" or "ok so"), or end with a question mark, or tell the bot to show something. */
const ASKING =
  /\?|^\W*(?:(?:btw|by the way|ok|okay|so|and|also|hey|hi|oh|hmm|but|then|sorry|quick q(?:uestion)?|one more thing|last thing)[\s,:.!-]+)*(?:how|hows|what|whats|why|where|wheres|which|when|who|whos|can|could|do|does|did|is|are|should|shall|will|would|any|anything|options|explain|tell me|show me|give me|send me|list|help|then what|and then|now what)\b|\b(?:what now|what next|then what|show me|give me|tell me|send me|(?:how|what|why|where|which) (?:do|does|did|should|can|could|would|is|are)|(?:do|does|can|could|should|will|would|is|are|need) (?:i|we|you|it|that|this|they)\b)/;

/** Does the message ask the bot something (so that silence would be rude)? */
export function asksSomething(text: string): boolean {
  return ASKING.test(text);
}

let phraseStems: Set<string> | undefined;

/** Every stem the follow-up phrasings use: the vocabulary of questions about an error. */
function followUpVocabulary(): Set<string> {
  if (!phraseStems) {
    phraseStems = new Set();
    for (const phrases of Object.values(FOLLOW_UP_PHRASES)) {
      for (const p of phrases) for (const t of canonicalTokens(p, 80)) if (!isStopWord(t.word)) phraseStems.add(stem(t.word));
    }
  }
  return phraseStems;
}

/**
 * A message that uses none of the thread's entry's words nor any SQL Server or Azure Backup
 * word, and a word nothing in the catalog or the follow-ups uses ("how do I reset my VPN
 * password?"), is not about the thread's error.
 */
export function isOffTopic(terms: readonly string[], known: ReadonlySet<string>, entryWords: ReadonlySet<string>): boolean {
  if (terms.length === 0 || terms.some((t) => isDomainStem(t) || entryWords.has(t))) return false;
  const vocabulary = followUpVocabulary();
  return terms.some((t) => !vocabulary.has(t) && !known.has(t) && !/^\d+$/.test(t));
}

/** Words a question uses for what a step or cause says in other words. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  kick: ['session', 'singl', 'single_us', 'connect', 'user'],
  everyon: ['session', 'user'],
  disconnect: ['session', 'singl', 'single_us'],
  db: ['databas'],
  connect: ['network', 'firewal', 'nsg', 'proxi', 'outbound', 'internet', 'dn', 'endpoint', 'reach'],
  network: ['connect', 'firewal', 'nsg', 'proxi', 'outbound', 'internet', 'dn', 'endpoint', 'reach'],
  firewal: ['network', 'nsg', 'outbound'],
  cert: ['certif'],
  ag: ['avail', 'replica'],
  perm: ['permiss', 'sysadmin'],
};

/** Question words that say nothing about which step is meant. */
const GENERIC = new Set(
  'fix how what why where when do need can should check run get make use give show tell script command code step error issu problem thing way sql powershel cli az t tsql pleas now this'.split(' '),
);

/** Content stems of a text, the same way follow-up questions are read. */
export function termsOf(text: string): string[] {
  return canonicalTokens(text.toLowerCase(), 200)
    .filter((t) => !isStopWord(t.word))
    .map((t) => stem(t.word));
}

/**
 * How many of a question's meaningful words (with their synonyms) a text contains: 0 for a
 * step or cause the question does not touch.
 */
export function relevance(terms: readonly string[], text: string): number {
  const have = new Set(termsOf(text));
  let score = 0;
  for (const t of new Set(terms)) {
    if (GENERIC.has(t)) continue;
    if (have.has(t) || (SYNONYMS[t] ?? []).some((s) => have.has(s))) score += 1;
  }
  return score;
}
