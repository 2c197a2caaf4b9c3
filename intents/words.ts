import { canonicalTokens } from './normalize.ts';
import { PorterStemmer } from './natural.ts';

/**
 * Stemmed content words, the features of the text model and the follow-up classifier.
 * Stems are memoised: the vocabulary of chat is small and Porter is the costly step.
 */

const STOP = new Set(
  (
    'a an the and or but if then so of to in on at by for from with as is are was were be been being am it its ' +
    'this that these those there here i me my we us our you your he she they them their what which who whom ' +
    'do does did doing have has had having will would shall should can could may might must just also very ' +
    'too than into onto about over under again any some all each both few more most other such only own same ' +
    'hi hello hey please thanks thank pls plz anyone someone guys team folks ok okay yes yeah'
  ).split(' '),
);

const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;
const MAX_STEMMED = 40;

export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    // Porter's regexes take seconds on a 60 KB "word" (base64, a run of x); no English word
    // is that long, so only ordinary lengths are stemmed.
    s = word.length <= 3 || word.length > MAX_STEMMED || /\d/.test(word) ? word : PorterStemmer.stem(word);
    if (memo.size < MEMO_LIMIT && word.length <= MAX_STEMMED) memo.set(word, s);
  }
  return s;
}

/** Splits a code into its words: "UserErrorSQLLSNValidationFailure" → "User Error SQL LSN Validation Failure". */
export function splitCamel(code: string): string {
  return code.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/** Canonical, non-stop words of a text, unstemmed, at most `max` of them. */
export function contentWords(text: string, max = 400): string[] {
  const out: string[] = [];
  for (const t of canonicalTokens(text, max * 3)) {
    if (t.word.length < 2 || STOP.has(t.word)) continue;
    out.push(t.word);
    if (out.length >= max) break;
  }
  return out;
}

/** Stems plus adjacent-stem bigrams ("log_chain"), which carry most of the meaning in short reports. */
export function features(words: readonly string[]): string[] {
  const stems = words.map(stem);
  const out = [...stems];
  for (let i = 0; i + 1 < stems.length; i++) out.push(`${stems[i]}_${stems[i + 1]}`);
  return out;
}
