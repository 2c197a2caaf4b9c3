import type { Entry } from '../catalog/index.ts';
// The closed list alone: the catalog barrel would load zod on the CLI's start path.
import { FACET_TOPICS } from '../catalog/vocabulary.ts';
import { FOLLOW_UP_PHRASES, type FollowUpLabel } from './follow-up-phrases.ts';
import { BayesClassifier } from './natural.ts';
import { canonicalTokens, prepareInput } from './normalize.ts';
import { asksSomething, isOffTopic } from './turn-words.ts';
import type { FollowUp, ScriptLang, Topic } from './types.ts';
import { isStopWord, stem } from './words.ts';

/**
 * What a message in the bot's thread asks about the error the thread is on. Keyword rules
 * decide when the question names its topic ("recovery model", "sysadmin", "PowerShell"):
 * they are exact and explainable. A naive Bayes model trained on follow-up-phrases.ts
 * handles the rest ("how come?", "options?"), and answers "unknown" when unsure.
 */

/** Follow-ups are short; a long message in a thread is a new paste, read only in part. */
const MAX_FOLLOW_UP_CHARS = 400;
/**
 * How many times likelier than the runner-up the Bayes model's best label must be. Its
 * smoothing makes one matching word worth about a doubling, while words it never saw
 * leave every label near its prior (a ratio close to 1): "unknown".
 */
const MIN_RATIO = 1.6;

/**
 * A rejection opens the message, or is the whole of it; what follows is a clue for the next
 * candidate ("nope, recovery model is FULL and it isn't master").
 */
const NOT_IT =
  /^\W*(?:no+|nope|nah|wrong|incorrect)\b(?=\W*$|\s*[,.!;:-]|\s+(?:that|this|it|not|wrong|the)\b)|\b(?:(?:that|this|it)(?:'?s| is)? not (?:it|right|the (?:right|same) (?:error|one|problem|issue))|not it|wrong (?:error|one|entry|code|match|card|answer)|not (?:my|the right|the same|this) (?:error|problem|issue|one)|not what i (?:pasted|meant|asked)|(?:you|u) (?:picked|got) the wrong)\b/;

// Most specific first. Every pattern is a flat alternation: no nested quantifiers.
const RULES: readonly (readonly [Topic, RegExp])[] = [
  ['fix', /\bre-?regist\w*\b/],
  ['support', /\b(?:support (?:case|ticket|request)|open a (?:case|ticket)|raise a (?:case|ticket)|microsoft support|azure support|escalat\w*|still (?:fails?|failing|broken|errors?|happening)|keeps? (?:on )?failing after|after (?:\d+|twenty[- ]four) ?(?:h|hrs?|hours?|days?)\b|(?:didn'?t|did not|doesn'?t|does not) (?:help|work|fix)|no luck)/],
  ['more', /\b(?:what else|anything else|something else|other (?:causes?|reasons?|ideas?|options?)|(?:looks?|seems?|is|are) (?:fine|ok|okay|good)|already (?:checked|did|tried|done)|ruled out)\b/],
  ['instances', /\b(?:named instances?|instances|several instances?|multiple instances?|two instances?|other instances?|another instance|default instance)\b/],
  ['versions', /\b(?:versions?|sql (?:server )?20\d\d|20(?:08|12|14|16|17|19|22|25)\b|editions?|express|marketplace image|custom image|supported os|windows server 20\d\d)\b/],
  ['logs', /\b(?:extension logs?|plugin logs?|log files? on the vm|logs? on the vm|where (?:are|is) the logs?|which logs?|wlext\w*|diagnostic logs?)\b/],
  ['on-demand-backup', /\b(?:on[- ]demand|backup now|back(?:ed)? ?up now|take a (?:new )?(?:full|differential|diff|log|copy[- ]only)|trigger (?:a |the )?(?:full|backup)|kick off (?:a |the )?(?:full|backup)|run (?:a |the )?full|start a (?:full|backup)|manual (?:full|backup))\b/],
  ['master-database', /\b(?:master|msdb|tempdb|model (?:db|database)|system (?:db|dbs|database|databases))\b/],
  ['recovery-model', /\b(?:recovery model|recovery_model\w*|(?:simple|full|bulk[- ]?logged) recovery|bulk[- ]?logged|(?:switch|set|change|put)(?:ed|ing)? (?:it |the db |the database )?(?:to|in(?:to)?) (?:full|simple))\b/],
  ['auto-heal', /\b(?:fix(?:es)? itself|heals?|self[- ]?heal\w*|auto[- ]?heal\w*|on its own|by itself|go away by itself|recovers? automatically|next (?:scheduled )?(?:run|backup|schedule)|need to do anything|have to do anything|do anything)\b/],
  ['permissions', /\b(?:sysadmin|permissions?|perms?|privileges?|rights|grant|logins?|service account|nt service|nt authority)\b/],
  ['retry', /\b(?:retry|retrying|re-?run|rerunning|run it again|try (?:it )?again|safe to (?:run|start))\b/],
  ['always-on', /\b(?:ag|ags|availability groups?|always ?on|replicas?|secondary|secondaries|primary (?:node|replica)|failover|listener|backup preference|preferred replica)\b/],
  ['data-loss', /\b(?:data loss|lose (?:any )?data|lost data|recovery points?|restore points?|at risk|point in time)\b/],
  ['network', /\b(?:network|firewall|nsg|proxy|dns|outbound|internet|private endpoints?|service tags?)\b/],
  ['limits', /\b(?:limits?|maximum|max|how many|quotas?)\b/],
  ['portal', /\b(?:portal|blade|where do i click|in the ui)\b/],
  ['link', /\b(?:link|url|docs?|documentation|article)\b/],
  ['why', /\b(?:why|causes?|caused|reason|how come|root cause|what (?:does|do) (?:it|this|that) mean|meaning)\b/],
  ['fix', /\b(?:fix|resolve|solve|workaround|what (?:should|do|can) (?:i|we) (?:do|check|try)|steps|remediat\w*|options\b|what now|what next|then what|now what|next steps?|work ?around|how do (?:i|we) (?:get|make)|kick (?:everyone|everybody|users|people|them) (?:off|out)|disconnect|script|commands?|the code)\b/],
];

/** Scripting words name the language of the answer's code; they do not decide its topic. */
const LANGS: readonly (readonly [ScriptLang, RegExp])[] = [
  ['bash', /\b(?:az cli|azure cli|az command|az backup|\baz\b|cli|bash)\b/],
  ['powershell', /\b(?:powershell|pwsh|cmdlets?|az module|az\.\w+|ps1?)\b/],
  ['sql', /\b(?:t-?sql|sql script|sql to|sql for|(?:the|some|any) sql(?! server| instance)|queries|query|ssms|sqlcmd|dmvs?)\b|\bsql\?|^\W*sql\W*$/],
  ['cmd', /\b(?:cmd|command prompt|registry|reg add|regedit)\b/],
];
const LANG_VERSION = /\b(?:cli|powershell|ps|az|t-?sql|sql) version\b/;
/** A language alone ("powershell?") asks for the code that fixes the error. */
const SCRIPT_TOPICS: ReadonlySet<Topic> = new Set(['powershell', 'sql']);

/** Said outright: the question is not about the thread ("unrelated - how do I get sharepoint access?"). */
const UNRELATED = /^\W*(?:unrelated|off[- ]topic|random question|different topic|not backup related)\b/;
/** "could that be it?": asks whether something is the cause. */
const CAUSE_QUESTION = /\b(?:could (?:that|this|it)|would (?:that|this)|(?:be|is) (?:it|that|this) the (?:cause|reason|problem)|be related|matter)\b/;

/** "how do I export it": a question about the thread's subject, whatever its words. */
const REFERS_BACK = /\b(?:it|its|this|that|these|those|them|they|the error|the job|the db|the database)\b/;

const THANKS = /^\W*(?:thanks|thank you|thx|ty|tyvm|cheers|much appreciated|great|perfect|awesome|nice|cool|ok(?:ay)?|k|got it|will do|makes sense|roger|on it|noted|brb|looking|let me (?:check|look|try)|one sec|👍|🙏)\b/;

const FACETS = new Set<string>(FACET_TOPICS);

function labelTopic(label: FollowUpLabel): Topic | null {
  if (FACETS.has(label) || label === 'why' || label === 'fix' || label === 'link') return label as Topic;
  return null;
}

/** Content stems; "why", "how" and "where" are not stop words here, they carry the question. */
function stems(text: string): string[] {
  return canonicalTokens(text, 80)
    .filter((t) => !isStopWord(t.word))
    .map((t) => stem(t.word));
}

/** What follows the rejection ("nope, that's not it - recovery model is FULL"): every rejection phrase stripped. */
function cluesAfter(text: string): string {
  let rest = text;
  for (let m = NOT_IT.exec(rest); m && m.index <= 2; m = NOT_IT.exec(rest)) rest = rest.slice(m.index + m[0].length).replace(/^\W+/, '');
  return rest;
}

function langOf(text: string): ScriptLang | undefined {
  return LANGS.find(([, re]) => re.test(text))?.[0];
}

export interface FollowUpClassifier {
  followUp(text: string, entry: Entry): FollowUp;
}

/** Stems of an entry's own text, computed once per entry. */
const entryWordCache = new WeakMap<Entry, Set<string>>();
function entryWords(entry: Entry): Set<string> {
  let words = entryWordCache.get(entry);
  if (!words) {
    const text = [entry.title, entry.summary, ...entry.causes, ...entry.actions.map((a) => `${a.text} ${a.code?.body ?? ''}`), ...entry.facets.map((f) => f.answer), ...entry.examples];
    words = new Set(stems(text.join(' ')));
    entryWordCache.set(entry, words);
  }
  return words;
}

/** `known`: every stem the catalog uses, so that an unusual word from the catalog is never "off-topic". */
export function createFollowUpClassifier(known: ReadonlySet<string> = new Set()): FollowUpClassifier {
  const bayes = new BayesClassifier();
  for (const [label, phrases] of Object.entries(FOLLOW_UP_PHRASES)) for (const p of phrases) bayes.addDocument(stems(p), label);
  bayes.train();

  function ask(topic: Topic, text: string, terms: readonly string[]): Extract<FollowUp, { kind: 'ask' }> {
    const lang = langOf(text) ?? (topic === 'sql' ? 'sql' : topic === 'powershell' ? 'powershell' : undefined);
    // "az cli version pls" asks for the Azure CLI version of the command, not about versions.
    // A facet topic answers in the language asked itself; "t-sql to see why" wants the code.
    const scripting = lang !== undefined && (!FACETS.has(topic) || SCRIPT_TOPICS.has(topic) || (topic === 'versions' && LANG_VERSION.test(text)));
    return { kind: 'ask', topic: scripting ? 'fix' : topic, terms, ...(lang ? { lang } : {}) };
  }

  return {
    followUp(raw, entry) {
      const text = prepareInput(raw.slice(0, MAX_FOLLOW_UP_CHARS)).text.toLowerCase().trim();
      if (NOT_IT.test(text)) return { kind: 'not-it', clues: cluesAfter(text) };
      if (UNRELATED.test(text)) return { kind: 'off-topic' };
      const terms = stems(text);
      const asks = asksSomething(text);
      const hits = RULES.filter(([, re]) => re.test(text)).map(([topic]) => topic);
      if (hits.length > 0) {
        // Two topics named ("retry on the AG?"): answer the one this entry knows about.
        const known = new Set<string>(entry.facets.map((f) => f.topic));
        return ask(hits.find((h) => known.has(h)) ?? hits[0]!, text, terms);
      }
      if (langOf(text)) return ask('fix', text, terms);
      if (!asks && THANKS.test(text) && terms.length <= 6) return { kind: 'thanks' };
      if (CAUSE_QUESTION.test(text)) return ask('why', text, terms);
      if (!REFERS_BACK.test(text) && isOffTopic(terms, known, entryWords(entry))) return asks ? { kind: 'off-topic' } : { kind: 'unknown', asks };
      // A question the rules do not place still gets the answer most questions want.
      const fallback = (): FollowUp => (asks ? ask('fix', text, terms) : { kind: 'unknown', asks });
      if (terms.length === 0) return fallback();
      const [top, second] = bayes.getClassifications(terms);
      if (!top || !second || top.value <= 0 || top.value < second.value * MIN_RATIO) return fallback();
      // A rejection is said, not asked: a question the model alone reads as one is a question.
      if (top.label === 'not-it') return asks ? fallback() : { kind: 'not-it', clues: '' };
      if (top.label === 'thanks') return asks ? fallback() : { kind: 'thanks' };
      const topic = labelTopic(top.label as FollowUpLabel);
      return topic ? ask(topic, text, terms) : fallback();
    },
  };
}
