import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entry, Knowledge } from './schema.ts';

/**
 * The catalog as the rest of the code sees it, and the checks that need no schema library:
 * both the YAML loader (load.ts) and the build's snapshot (snapshot.ts) end here, so a
 * catalog read from the snapshot is indexed and cross-checked exactly like one read from YAML.
 */

// The compiled catalog (dist/catalog/*.js) reads the same YAML as the sources: one copy of the data.
export const COMPILED = /\/dist\/catalog\/[^/]+$/.test(import.meta.url);
export const BUILT_IN_DIR = fileURLToPath(new URL(COMPILED ? '../../catalog/entries/' : './entries/', import.meta.url));

/** General knowledge beside the entries: `<dir>/../knowledge/`. */
export function knowledgeDirOf(entriesDir: string): string {
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

export function indexCatalog(entries: readonly Entry[], knowledge: readonly Knowledge[]): Catalog {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { entries, get: (id) => byId.get(id), knowledge };
}
