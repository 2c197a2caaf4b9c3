import { z } from 'zod';
import { CATEGORIES, CODE_LANGS, FACET_TOPICS, SEVERITIES, SOURCES } from './vocabulary.ts';

// The closed lists live in vocabulary.ts, which does not load zod: the start path reads them.
export { CATEGORIES, CODE_LANGS, FACET_TOPICS, PLACEHOLDERS, SEVERITIES, SOURCES } from './vocabulary.ts';
export type { Category, CodeLang, FacetTopic, Placeholder, Severity } from './vocabulary.ts';

/**
 * The shape of one catalog entry. Entries are data (YAML, one file each) so that DBAs can
 * review and extend them without reading TypeScript; this schema is the contract the
 * classifier, the conversation core and the renderers rely on.
 */

/** Azure error codes are PascalCase identifiers; topics without a code use kebab-case ids. */
const ERROR_CODE = /^[A-Z][A-Za-z0-9]+$/;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const nonEmpty = z.string().trim().min(1);
/** A page the card's buttons open in a browser: javascript:, file: or mailto: would not (or worse). */
export const webUrl = z.url({ protocol: /^https?$/ });

const codeBlockSchema = z.strictObject({
  lang: z.enum(CODE_LANGS),
  body: nonEmpty,
  /** `check` looks before you change anything; `fix` does the repair. A fix answer shows the check first. */
  role: z.enum(['check', 'fix']).optional(),
});
export type CodeBlock = z.infer<typeof codeBlockSchema>;

const messageSchema = z.strictObject({
  /** Exactly as Azure prints it, typos included: users paste it. */
  text: nonEmpty,
  /** Which source printed this variant, e.g. "troubleshoot article 2024", "portal self-help". */
  source: nonEmpty,
  /**
   * False for texts known to be copied from another code (facts §1c ⚠): shown for
   * reference, never used to match, or they would claim another entry's pastes.
   */
  match: z.boolean().default(true),
});

export const actionSchema = z.strictObject({
  text: nonEmpty,
  code: codeBlockSchema.optional(),
});
export type Action = z.infer<typeof actionSchema>;

const sqlErrorSchema = z.strictObject({
  number: z.number().int(),
  /** The SQL Server message text, with the %ls placeholders as SQL documents them. */
  message: nonEmpty.optional(),
  /** True when the mapping to this entry is our reading, not stated by Microsoft. */
  inferred: z.boolean().default(false),
});

export const facetSchema = z.strictObject({
  topic: z.enum(FACET_TOPICS),
  answer: nonEmpty,
  code: codeBlockSchema.optional(),
});
export type Facet = z.infer<typeof facetSchema>;

export const entrySchema = z
  .strictObject({
    id: z.string().refine((id) => ERROR_CODE.test(id) || TOPIC_ID.test(id), {
      message: 'must be an Azure error code (PascalCase) or a kebab-case topic id',
    }),
    /** `error`: a code Azure prints; `warning`: an alert without a code; `topic`: a how-to section. */
    kind: z.enum(['error', 'warning', 'topic']),
    category: z.enum(CATEGORIES),
    title: nonEmpty.max(140),
    severity: z.enum(SEVERITIES),
    /** Numeric `errorCode` values seen in PowerShell and REST output for this code. */
    numericCodes: z.array(z.number().int().positive()).default([]),
    /** Other spellings a user may type for the same thing (not other Azure codes). */
    aliases: z.array(nonEmpty).default([]),
    messages: z.array(messageSchema).default([]),
    sqlErrors: z.array(sqlErrorSchema).default([]),
    summary: nonEmpty,
    causes: z.array(nonEmpty).min(1),
    actions: z.array(actionSchema).min(1),
    facets: z.array(facetSchema).default([]),
    /** How people describe this problem in their own words; training data for the classifier. */
    examples: z.array(nonEmpty).min(3),
    docs: z.strictObject({ url: webUrl, title: nonEmpty }),
    related: z.array(nonEmpty).default([]),
    sources: z.array(z.enum(SOURCES)).min(1),
    /** What repairs it when that is a standard operation (an on-demand full backup), for follow-ups and actions. */
    remedy: z.enum(['full-backup']).optional(),
    /** The entry that reads this error when the job ran on an availability group secondary. */
    onSecondary: nonEmpty.optional(),
    /** Ids of general knowledge items (catalog/knowledge) that matter for this entry, best first. */
    see: z.array(nonEmpty).default([]),
    /** Operator additions (CATALOG_DIR): an internal runbook, the owning team, who to escalate to. */
    runbook: webUrl.optional(),
    owner: nonEmpty.optional(),
    escalation: nonEmpty.optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.kind === 'error' && !ERROR_CODE.test(entry.id)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'an error entry must use the Azure code as its id' });
    }
    if (entry.kind !== 'error' && !TOPIC_ID.test(entry.id)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'a warning or topic entry must use a kebab-case id' });
    }
    const topics = entry.facets.map((f) => f.topic);
    const repeated = topics.find((t, i) => topics.indexOf(t) !== i);
    if (repeated) {
      ctx.addIssue({ code: 'custom', path: ['facets'], message: `facet topic "${repeated}" appears twice` });
    }
    if (!entry.docs.url.includes('#')) {
      ctx.addIssue({ code: 'custom', path: ['docs', 'url'], message: 'must link to a section (#anchor)' });
    }
  });

export type Entry = z.infer<typeof entrySchema>;
export type EntryInput = z.input<typeof entrySchema>;

/**
 * General knowledge: facts that hold across entries (system databases, recovery models,
 * on-demand backups, support cases...), answered in any entry's thread when the entry has no
 * facet of its own for the question. One item a file under catalog/knowledge/.
 */
export const knowledgeSchema = z.strictObject({
  id: z.string().regex(TOPIC_ID, 'must be a kebab-case id'),
  title: nonEmpty.max(140),
  /** The follow-up topics this item answers. */
  topics: z.array(z.enum(FACET_TOPICS)).min(1),
  /** Words in a question that pick this item over others of the same topic ("msdb", "differential"). */
  keywords: z.array(nonEmpty).default([]),
  answer: nonEmpty,
  /** Checks first, then the fix; one block per language where both exist. */
  code: z.array(codeBlockSchema).default([]),
  docs: z.strictObject({ url: webUrl, title: nonEmpty }).optional(),
  sources: z.array(z.enum(SOURCES)).min(1),
});
export type Knowledge = z.infer<typeof knowledgeSchema>;
