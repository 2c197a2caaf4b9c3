import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED, crossCheck, entryFiles, indexCatalog, knowledgeDirOf, type Catalog } from './catalog.ts';
import type { Entry, Knowledge } from './schema.ts';

/**
 * The build's validated copy of the built-in catalog (dist/catalog/snapshot.json). Reading
 * ~90 YAML files and validating them with zod is most of a cold start; the snapshot holds the
 * result, keyed by a hash of what produced it: the YAML files (names and contents) and the
 * schema module. The YAML stays the only source: a snapshot whose hash no longer matches the
 * files on disk (an entry edited after the build) is ignored, and the YAML is read instead.
 */

const VERSION = 1;
/** Only the compiled loader has one (written by `npm run build`); the sources always read the YAML. */
export const SNAPSHOT_FILE: string | null = COMPILED ? fileURLToPath(new URL('./snapshot.json', import.meta.url)) : null;
// The schema decides what validation makes of the YAML (defaults, trimming): the schema
// module beside this one, compiled or source, is part of what the snapshot depends on.
const SCHEMA_FILE = fileURLToPath(new URL(`./schema${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

export interface CatalogSnapshot {
  readonly version: number;
  /** sourceHash() of the catalog folder it was made from. */
  readonly source: string;
  /** Each entry with its file name, so that errors found later still name the file. */
  readonly entries: readonly { readonly file: string; readonly entry: Entry }[];
  readonly knowledge: readonly Knowledge[];
}

/** sha256 over the schema module and every YAML file of the entries and knowledge folders. */
export function sourceHash(entriesDir: string): string {
  const hash = createHash('sha256');
  const add = (name: string, content: Buffer): void => {
    hash.update(`${name}\0${String(content.length)}\0`);
    hash.update(content);
  };
  add('schema', readFileSync(SCHEMA_FILE));
  for (const [label, dir] of [['entries', entriesDir], ['knowledge', knowledgeDirOf(entriesDir)]] as const) {
    let files: string[] = [];
    try {
      files = entryFiles(dir);
    } catch (error) {
      // Like the loader: a catalog may have no knowledge folder, but it must have entries.
      if (label === 'entries') throw error;
    }
    hash.update(`${label}\0${String(files.length)}\0`);
    for (const file of files) add(basename(file), readFileSync(file));
  }
  return hash.digest('hex');
}

export function makeSnapshot(entriesDir: string, entries: readonly { file: string; entry: Entry }[], knowledge: readonly Knowledge[]): CatalogSnapshot {
  return { version: VERSION, source: sourceHash(entriesDir), entries: entries.map(({ file, entry }) => ({ file: basename(file), entry })), knowledge };
}

/** The snapshot in `file` when it was made from exactly the files now in `entriesDir`; else null. */
export function readSnapshot(file: string, entriesDir: string): CatalogSnapshot | null {
  let snapshot: CatalogSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as CatalogSnapshot;
  } catch {
    return null; // None (a build without one, the sources) or unreadable: the YAML it is.
  }
  if (snapshot.version !== VERSION || snapshot.source !== sourceHash(entriesDir)) return null;
  return { ...snapshot, entries: snapshot.entries.map(({ file: name, entry }) => ({ file: join(entriesDir, name), entry })) };
}

/** The built-in catalog from a current snapshot, cross-checked as the YAML loader does; null when there is none. */
export function catalogFromSnapshot(file: string, entriesDir: string): Catalog | null {
  const snapshot = readSnapshot(file, entriesDir);
  if (!snapshot) return null;
  const entries = snapshot.entries.map((e) => e.entry);
  const fileOf = new Map(snapshot.entries.map((e) => [e.entry.id, e.file]));
  crossCheck(entries, (id) => fileOf.get(id) ?? id, snapshot.knowledge);
  return indexCatalog(entries, snapshot.knowledge);
}
