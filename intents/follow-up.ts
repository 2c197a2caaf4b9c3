import type { Entry, FacetTopic } from '../catalog/index.ts';
import { FACET_TOPICS } from '../catalog/index.ts';
import { FOLLOW_UP_PHRASES, type FollowUpLabel } from './follow-up-phrases.ts';
import { BayesClassifier } from './natural.ts';
import { canonicalTokens, prepareInput } from './normalize.ts';
import type { FollowUp } from './types.ts';
import { isStopWord, stem } from './words.ts';

/**
 * What a question in the bot's thread asks about the error the thread is on. Keyword rules
 * decide when the question names its topic ("recovery model", "sysadmin", "PowerShell"):
 * they are exact and explainable. A naive Bayes model trained on follow-up-phrases.ts
 * handles the rest ("how come?", "any docs?"), and answers "unknown" when unsure.
 */

/** Follow-ups are short; a long message in a thread is a new paste, read only in part. */
const MAX_FOLLOW_UP_CHARS = 400;
/**
 * How many times likelier than the runner-up the Bayes model's best label must be. Its
 * smoothing makes one matching word worth about a doubling, while words it never saw
 * leave every label near its prior (a ratio close to 1): "unknown".
 */
const MIN_RATIO = 1.6;

// Most specific first. Every pattern is a flat alternation: no nested quantifiers.
const RULES: readonly (readonly [FollowUpLabel, RegExp])[] = [
  ['not-it', /\b(?:not it|wrong (?:error|one|entry|code|match|card)|not (?:my|the right|the same|this) (?:error|problem|issue|one)|(?:a )?different (?:error|problem|issue)|not what i (?:pasted|meant))\b/],
  ['auto-heal', /\b(?:fix(?:es)? itself|heals?|self[- ]?heal\w*|auto[- ]?heal\w*|on its own|by itself|go away by itself|recovers? automatically)\b/],
  ['master-database', /\b(?:master|msdb|tempdb|model (?:db|database)|system (?:db|dbs|database|databases))\b/],
  ['recovery-model', /\b(?:recovery model|recovery_model\w*|(?:simple|full|bulk[- ]?logged) recovery|bulk[- ]?logged)\b/],
  ['powershell', /\b(?:powershell|pwsh|cmdlets?|az cli|azure cli|az module|az command)\b/],
  ['sql', /\b(?:t-?sql|query|queries|ssms|dmvs?|sqlcmd|sql script|sql to run)\b/],
  ['permissions', /\b(?:sysadmin|permissions?|privileges?|rights|grant|logins?|service account)\b/],
  ['retry', /\b(?:retry|retrying|re-?run|rerunning|run it again|try (?:it )?again)\b/],
  ['always-on', /\b(?:ag|ags|availability groups?|always ?on|replicas?|secondary|secondaries|primary (?:node|replica))\b/],
  ['data-loss', /\b(?:data loss|lose (?:any )?data|lost data|recovery points?|restore points?|at risk)\b/],
  ['network', /\b(?:network|firewall|nsg|proxy|dns|outbound|internet|private endpoints?|service tags?)\b/],
  ['limits', /\b(?:limits?|maximum|max|how many|quotas?)\b/],
  ['portal', /\b(?:portal|blade|where do i click|in the ui)\b/],
  ['link', /\b(?:link|url|docs?|documentation|article)\b/],
  ['why', /\b(?:why|causes?|caused|reason|how come|root cause)\b/],
  ['fix', /\b(?:fix|resolve|solve|workaround|what (?:should|do) i do|steps|remediat\w*)\b/],
];
const THANKS = /^\W*(?:thanks|thank you|thx|ty|cheers|much appreciated|great|perfect|awesome|nice)\b/;

const FACETS = new Set<string>(FACET_TOPICS);

function toFollowUp(label: FollowUpLabel): FollowUp {
  if (FACETS.has(label)) return { kind: 'facet', topic: label as FacetTopic };
  if (label === 'other') return { kind: 'unknown' };
  return { kind: label as 'why' | 'fix' | 'link' | 'not-it' | 'thanks' };
}

/** Content stems; "why", "how" and "where" are not stop words here, they carry the question. */
function stems(text: string): string[] {
  return canonicalTokens(text, 80)
    .filter((t) => !isStopWord(t.word))
    .map((t) => stem(t.word));
}

export interface FollowUpClassifier {
  followUp(text: string, entry: Entry): FollowUp;
}

export function createFollowUpClassifier(): FollowUpClassifier {
  const bayes = new BayesClassifier();
  for (const [label, phrases] of Object.entries(FOLLOW_UP_PHRASES)) for (const p of phrases) bayes.addDocument(stems(p), label);
  bayes.train();

  return {
    followUp(raw, entry) {
      const text = prepareInput(raw.slice(0, MAX_FOLLOW_UP_CHARS)).text.toLowerCase();
      const hits = RULES.filter(([, re]) => re.test(text)).map(([label]) => label);
      if (hits.length > 0) {
        // Two topics named ("retry on the AG?"): answer the one this entry knows about.
        const known = new Set<string>(entry.facets.map((f) => f.topic));
        return toFollowUp(hits.find((h) => known.has(h)) ?? hits[0]!);
      }
      if (THANKS.test(text) && stems(text).length <= 6) return { kind: 'thanks' };
      const words = stems(text);
      if (words.length === 0) return { kind: 'unknown' };
      const ranked = bayes.getClassifications(words);
      const [top, second] = ranked;
      if (!top || !second || top.value <= 0 || top.value < second.value * MIN_RATIO) return { kind: 'unknown' };
      return toFollowUp(top.label as FollowUpLabel);
    },
  };
}
