import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as parseYaml } from 'js-yaml';
import type { z } from 'zod';
import { applyOverlay, overlaySchema, type Overlay } from './overlay.ts';
import { operatorEntryFiles, readOperatorYaml } from './read-entry-files.ts';
import { entrySchema, knowledgeSchema, type Entry, type Knowledge } from './schema.ts';

// The compiled catalog (dist/catalog/load.js) reads the same YAML as the sources: one copy of the data.
const COMPILED = /\/dist\/catalog\/[^/]+$/.test(import.meta.url);
export const BUILT_IN_DIR = fileURLToPath(new URL(COMPILED ? '../../catalog/entries/' : './entries/', import.meta.url));
/** General knowledge beside the entries: `<dir>/../knowledge/`. */
function knowledgeDirOf(entriesDir: string): string {
  return join(entriesDir, '..', 'knowledge');
}

/** CATALOG_DIR: the operator's folders, separated by ':' like PATH; blanks ignored. */
export function operatorDirsFrom(value: string | undefined): string[] {
  return (value ?? '').split(':').map((d) => d.trim()).filter((d) => d.length > 0);
}

/** A catalog file that does not fit the schema; the message names the file and the field. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    message = `${file}: ${problems.join('; ')}`,
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

export interface Catalog {
  readonly entries: readonly Entry[];
  /** Lookup by exact id (case-sensitive, as Azure spells it). */
  get(id: string): Entry | undefined;
  /** Facts that hold across entries, for follow-up questions an entry has no facet for. */
  readonly knowledge: readonly Knowledge[];
}

function describe(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
}

function checkFileName(file: string, id: string, field: string): void {
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (id !== expected) throw new CatalogError(file, [`${field}: "${id}" must match the file name "${expected}"`]);
}

function validateEntry(file: string, raw: unknown): Entry {
  const result = entrySchema.safeParse(raw);
  if (!result.success) throw new CatalogError(file, describe(result.error.issues));
  checkFileName(file, result.data.id, 'id');
  return result.data;
}

function parseKnowledgeFile(file: string): Knowledge {
  const result = knowledgeSchema.safeParse(readYaml(file));
  if (!result.success) throw new CatalogError(file, describe(result.error.issues));
  checkFileName(file, result.data.id, 'id');
  return result.data;
}

/** Parses and validates one entry file; throws CatalogError naming the file and each bad field. */
export function parseEntryFile(file: string): Entry {
  return validateEntry(file, readYaml(file));
}

/** An operator's file is either a whole new entry or, with `extends:`, an addition to one. */
function parseOperatorFile(file: string): { entry: Entry } | { overlay: Overlay } {
  const raw = readOperatorYaml(file);
  if (raw === null || typeof raw !== 'object' || !('extends' in raw)) return { entry: validateEntry(file, raw) };
  const result = overlaySchema.safeParse(raw);
  if (!result.success) throw new CatalogError(file, describe(result.error.issues));
  checkFileName(file, result.data.extends, 'extends');
  return { overlay: result.data };
}

export function entryFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Checks what no single file can: unique ids, and `related` pointing at real entries.
 * `fileOf` names the file an entry came from, so the error points at it.
 */
export function crossCheck(
  entries: readonly Entry[],
  fileOf: (id: string) => string = (id) => id,
  knowledge: readonly Knowledge[] = [],
): void {
  const known = new Set(knowledge.map((k) => k.id));
  for (const entry of entries) {
    const missing = entry.see.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new CatalogError(fileOf(entry.id), [`see: no knowledge item named ${missing.map((m) => `"${m}"`).join(', ')}`]);
    }
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new CatalogError(fileOf(entry.id), [`id: "${entry.id}" is defined twice`]);
    seen.add(entry.id);
  }
  for (const entry of entries) {
    const missing = [...entry.related, ...(entry.onSecondary ? [entry.onSecondary] : [])].filter((id) => !seen.has(id));
    if (missing.length > 0) {
      throw new CatalogError(fileOf(entry.id), [`related: no entry named ${missing.map((m) => `"${m}"`).join(', ')}`]);
    }
  }
}

export function makeCatalog(entries: readonly Entry[], knowledge: readonly Knowledge[] = []): Catalog {
  crossCheck(entries, undefined, knowledge);
  return indexed(entries, knowledge);
}

function indexed(entries: readonly Entry[], knowledge: readonly Knowledge[]): Catalog {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { entries, get: (id) => byId.get(id), knowledge };
}

function readKnowledge(entriesDir: string, errors: CatalogError[]): Knowledge[] {
  const dir = knowledgeDirOf(entriesDir);
  let files: string[] = [];
  try {
    files = entryFiles(dir);
  } catch {
    return []; // A catalog without a knowledge folder (a test's, an old copy) has none.
  }
  const items: Knowledge[] = [];
  for (const file of files) attempt(errors, () => void items.push(parseKnowledgeFile(file)));
  return items;
}

function attempt(errors: CatalogError[], work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    errors.push(error);
  }
}

/**
 * Reads the built-in entries and then each operator folder (CATALOG_DIR), collecting every
 * problem instead of stopping at the first, so `catalog:check` can name each bad file.
 */
export function inspectCatalog(builtInDir: string, operatorDirs: readonly string[] = []): {
  catalog: Catalog | null;
  errors: CatalogError[];
} {
  const errors: CatalogError[] = [];
  const byId = new Map<string, { entry: Entry; file: string }>();
  for (const file of entryFiles(builtInDir)) {
    attempt(errors, () => {
      const entry = parseEntryFile(file);
      const previous = byId.get(entry.id);
      if (previous) throw new CatalogError(file, [`id: "${entry.id}" is already defined in ${previous.file}`]);
      byId.set(entry.id, { entry, file });
    });
  }
  const overlays: { overlay: Overlay; file: string }[] = [];
  for (const dir of operatorDirs) {
    let files: string[] = [];
    attempt(errors, () => (files = operatorEntryFiles(dir)));
    for (const file of files) {
      attempt(errors, () => {
        const parsed = parseOperatorFile(file);
        if ('overlay' in parsed) return void overlays.push({ overlay: parsed.overlay, file });
        const previous = byId.get(parsed.entry.id);
        if (previous) {
          throw new CatalogError(file, [
            `id: "${parsed.entry.id}" is already defined in ${previous.file}; to add to it, write \`extends: ${parsed.entry.id}\` with only your additions`,
          ]);
        }
        byId.set(parsed.entry.id, { entry: parsed.entry, file });
      });
    }
  }
  for (const { overlay, file } of overlays) {
    attempt(errors, () => {
      const target = byId.get(overlay.extends);
      if (!target) throw new CatalogError(file, [`extends: no entry named "${overlay.extends}"`]);
      // The merged entry must keep the entry contract too (an overlay may repeat a facet topic).
      const merged = entrySchema.safeParse(applyOverlay(target.entry, overlay));
      if (!merged.success) throw new CatalogError(file, describe(merged.error.issues));
      byId.set(overlay.extends, { entry: merged.data, file });
    });
  }
  const knowledge = readKnowledge(builtInDir, errors);
  const entries = [...byId.values()].map((v) => v.entry);
  attempt(errors, () => crossCheck(entries, (id) => byId.get(id)?.file ?? id, knowledge));
  return { catalog: errors.length === 0 ? indexed(entries, knowledge) : null, errors };
}

/**
 * Loads the built-in catalog plus the operator's folders; any bad file stops the start,
 * and the error names every bad file and field.
 */
export function loadCatalog(dir: string = BUILT_IN_DIR, operatorDirs: readonly string[] = []): Catalog {
  const { catalog, errors } = inspectCatalog(dir, operatorDirs);
  const [first] = errors;
  if (first && errors.length === 1) throw first;
  if (first || !catalog) {
    // Each problem already names its file: one a line, so a long list stays readable at start.
    const problems = errors.map((e) => e.message);
    throw new CatalogError(
      errors.map((e) => e.file).join(', '),
      problems,
      `${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  return catalog;
}
