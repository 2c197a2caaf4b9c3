import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import type { z } from 'zod';
import { BUILT_IN_DIR, CatalogError, crossCheck, entryFiles, indexCatalog, knowledgeDirOf, type Catalog } from './catalog.ts';
import { applyOverlay, overlaySchema, type Overlay } from './overlay.ts';
import { operatorEntryFiles, readOperatorYaml } from './read-entry-files.ts';
import { entrySchema, knowledgeSchema, type Entry, type Knowledge } from './schema.ts';
import { readSnapshot, SNAPSHOT_FILE } from './snapshot.ts';

export interface LoadOptions {
  /**
   * The build's snapshot of the built-in YAML (snapshot.ts), used while the YAML still hashes
   * the same; null reads and validates the YAML. By default, the build's own snapshot for the
   * built-in folder and none for any other folder.
   */
  readonly snapshot?: string | null;
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
export function inspectCatalog(builtInDir: string, operatorDirs: readonly string[] = [], options: LoadOptions = {}): {
  catalog: Catalog | null;
  errors: CatalogError[];
} {
  const errors: CatalogError[] = [];
  const snapshotFile = options.snapshot === undefined ? (resolve(builtInDir) === resolve(BUILT_IN_DIR) ? SNAPSHOT_FILE : null) : options.snapshot;
  // The snapshot was validated by the build; operator folders below are validated every time.
  const snapshot = snapshotFile === null ? null : readSnapshot(snapshotFile, builtInDir);
  const builtIn = snapshot?.entries ?? entryFiles(builtInDir).map((file) => ({ file, entry: null }));
  const byId = new Map<string, { entry: Entry; file: string }>();
  for (const { file, entry: validated } of builtIn) {
    attempt(errors, () => {
      const entry = validated ?? parseEntryFile(file);
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
  const knowledge = snapshot ? [...snapshot.knowledge] : readKnowledge(builtInDir, errors);
  const entries = [...byId.values()].map((v) => v.entry);
  attempt(errors, () => crossCheck(entries, (id) => byId.get(id)?.file ?? id, knowledge));
  return { catalog: errors.length === 0 ? indexCatalog(entries, knowledge) : null, errors };
}

/**
 * Loads the built-in catalog plus the operator's folders; any bad file stops the start,
 * and the error names every bad file and field.
 */
export function loadCatalog(dir: string = BUILT_IN_DIR, operatorDirs: readonly string[] = [], options: LoadOptions = {}): Catalog {
  const { catalog, errors } = inspectCatalog(dir, operatorDirs, options);
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
