import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Catalog } from '../catalog/index.ts';

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

export const KINDS = [
  'portal', 'powershell', 'cli-json', 'log-analytics', 'alert-email', 'log-line', 'code-fence', 'message-only',
  'question', 'typo', 'sql-error', 'multi', 'quiet', 'unknown-code', 'hana',
] as const;
export type Kind = (typeof KINDS)[number];
/** Kinds whose cases must stay quiet: they name no catalog entry. */
export const SILENT_KINDS: readonly Kind[] = ['quiet', 'unknown-code', 'hana'];

export const SPLITS = ['tune', 'test', 'holdout', 'holdout2'] as const;
export type Split = (typeof SPLITS)[number];
/**
 * What loadCorpus returns unless asked: `holdout` stays out so nothing tunes or benches on it by accident
 * (and the corpus-balance checks keep counting tune against test only); it is read only on `--split holdout`.
 */
export const DEFAULT_SPLITS: readonly Split[] = ['tune', 'test'];

const caseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  text: z.string().min(1),
  /** Entry ids the text names, in order of appearance; empty when the bot must stay quiet. */
  expect: z.array(z.string().min(1)),
  kind: z.enum(KINDS),
  split: z.enum(SPLITS),
  /** Azure-Backup-shaped codes the catalog does not know (unknown-code cases). */
  unknown: z.array(z.string().min(1)).min(1).optional(),
  /** Another product's codes (hana cases). */
  foreign: z.literal('sap-hana').optional(),
});
export type EvalCase = z.infer<typeof caseSchema>;

/** A corpus problem; the message names file and line so a bad case is found at once. */
export class CorpusError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`corpus has ${problems.length} problem(s):\n${problems.join('\n')}`);
    this.name = 'CorpusError';
  }
}

/** Rules that tie a case's labels to its kind; returns what is wrong, if anything. */
function kindRules(c: EvalCase, catalog: Catalog): string[] {
  const wrong: string[] = [];
  const silent = SILENT_KINDS.includes(c.kind);
  if (silent && c.expect.length > 0) wrong.push(`a ${c.kind} case must have expect: []`);
  if (!silent && c.expect.length === 0) wrong.push(`a ${c.kind} case must name at least one entry`);
  if (c.kind === 'multi' && c.expect.length < 2) wrong.push('a multi case must name at least two entries');
  if (new Set(c.expect).size !== c.expect.length) wrong.push('expect repeats an id');
  for (const id of c.expect) if (!catalog.get(id)) wrong.push(`expect: no catalog entry "${id}"`);
  if ((c.kind === 'unknown-code') !== (c.unknown !== undefined)) wrong.push('"unknown" is required on unknown-code cases and only there');
  for (const code of c.unknown ?? []) if (catalog.get(code)) wrong.push(`unknown: "${code}" is a catalog entry`);
  if ((c.kind === 'hana') !== (c.foreign !== undefined)) wrong.push('"foreign" is required on hana cases and only there');
  return wrong;
}

/**
 * Reads and checks every corpus/*.jsonl file, holdout included; throws CorpusError listing every bad line at once.
 * Returns the cases of `splits` only.
 */
export function loadCorpus(catalog: Catalog, dir: string = CORPUS_DIR, splits: readonly Split[] = DEFAULT_SPLITS): EvalCase[] {
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  if (files.length === 0) throw new CorpusError([`${dir}: no .jsonl files`]);
  for (const file of files) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (error) {
        problems.push(`${where}: not valid JSON (${(error as Error).message})`);
        return;
      }
      const parsed = caseSchema.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
        problems.push(`${where}: ${detail.join('; ')}`);
        return;
      }
      const c = parsed.data;
      const earlier = seen.get(c.id);
      if (earlier) problems.push(`${where}: id "${c.id}" already used at ${earlier}`);
      seen.set(c.id, where);
      for (const wrong of kindRules(c, catalog)) problems.push(`${where} (${c.id}): ${wrong}`);
      cases.push(c);
    });
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return cases.filter((c) => splits.includes(c.split));
}
