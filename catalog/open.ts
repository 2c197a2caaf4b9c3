import { BUILT_IN_DIR, type Catalog } from './catalog.ts';
import { catalogFromSnapshot, SNAPSHOT_FILE } from './snapshot.ts';

/**
 * The catalog for a start (the bot, the CLI): the build's snapshot of the built-in entries when
 * it is current and there are no operator folders, without loading YAML or zod at all;
 * otherwise the full loader, imported only then, reads and validates as loadCatalog always has.
 * Throws CatalogError like loadCatalog.
 */
export async function openCatalog(dir: string = BUILT_IN_DIR, operatorDirs: readonly string[] = []): Promise<Catalog> {
  const fromSnapshot = operatorDirs.length === 0 && dir === BUILT_IN_DIR && SNAPSHOT_FILE !== null ? catalogFromSnapshot(SNAPSHOT_FILE, dir) : null;
  if (fromSnapshot) return fromSnapshot;
  const { loadCatalog } = await import('./load.ts');
  return loadCatalog(dir, operatorDirs);
}
