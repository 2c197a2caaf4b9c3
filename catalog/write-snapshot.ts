import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { BUILT_IN_DIR, CatalogError, entryFiles } from './catalog.ts';
import { inspectCatalog } from './load.ts';
import { makeSnapshot, type CatalogSnapshot } from './snapshot.ts';

/**
 * Reads and validates the YAML exactly as a start without a snapshot does (bad files throw one
 * CatalogError naming each), then writes what validation made of it to `file`, keyed by the
 * hash of its sources.
 */
export function writeSnapshot(file: string, entriesDir: string = BUILT_IN_DIR): CatalogSnapshot {
  const { catalog, errors } = inspectCatalog(entriesDir, [], { snapshot: null });
  if (!catalog) {
    const problems = errors.map((e) => e.message);
    throw new CatalogError(errors.map((e) => e.file).join(', '), problems, problems.join('\n'));
  }
  // The loader checked that each file is named after its entry's id.
  const fileOf = new Map(entryFiles(entriesDir).map((f) => [basename(f).replace(/\.ya?ml$/, ''), basename(f)]));
  const snapshot = makeSnapshot(
    entriesDir,
    catalog.entries.map((entry) => ({ file: fileOf.get(entry.id) ?? `${entry.id}.yaml`, entry })),
    catalog.knowledge,
  );
  mkdirSync(dirname(file), { recursive: true });
  // Written whole then renamed: a start never reads half a snapshot.
  const partial = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(partial, JSON.stringify(snapshot));
  renameSync(partial, file);
  return snapshot;
}
