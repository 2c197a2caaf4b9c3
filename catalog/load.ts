import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { entrySchema, type Entry } from './schema.ts';

export const BUILT_IN_DIR = fileURLToPath(new URL('./entries/', import.meta.url));

/** A catalog file that does not fit the schema; the message names the file and the field. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CatalogError';
  }
}

export interface Catalog {
  readonly entries: readonly Entry[];
  /** Lookup by exact id (case-sensitive, as Azure spells it). */
  get(id: string): Entry | undefined;
}

function describe(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

/** Parses and validates one entry file; throws CatalogError naming the file and each bad field. */
export function parseEntryFile(file: string): Entry {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
  const result = entrySchema.safeParse(raw);
  if (!result.success) throw new CatalogError(file, describe(result.error.issues));
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (result.data.id !== expected) {
    throw new CatalogError(file, [`id: "${result.data.id}" must match the file name "${expected}"`]);
  }
  return result.data;
}

export function entryFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Checks what no single file can: unique ids, and `related` pointing at real entries. */
export function crossCheck(entries: readonly Entry[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new CatalogError(entry.id, [`id: "${entry.id}" is defined twice`]);
    seen.add(entry.id);
  }
  for (const entry of entries) {
    const missing = entry.related.filter((id) => !seen.has(id));
    if (missing.length > 0) {
      throw new CatalogError(entry.id, [`related: no entry named ${missing.map((m) => `"${m}"`).join(', ')}`]);
    }
  }
}

export function makeCatalog(entries: readonly Entry[]): Catalog {
  crossCheck(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { entries, get: (id) => byId.get(id) };
}

/** Loads the built-in catalog; every file is validated, and the first bad one stops the load. */
export function loadCatalog(dir: string = BUILT_IN_DIR): Catalog {
  return makeCatalog(entryFiles(dir).map(parseEntryFile));
}
