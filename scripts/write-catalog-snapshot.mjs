// The build's second step, after tsc (`npm run build`, so also `npm ci`): validates the YAML now
// in catalog/ with the compiled loader and writes dist/catalog/snapshot.json (catalog/snapshot.ts).
// A catalog that does not validate gets no snapshot, and the build still succeeds: the bot and
// the CLI then read the YAML and refuse to start with the loader's message, as without snapshots.
import { rmSync } from 'node:fs';
import { CatalogError } from '../dist/catalog/catalog.js';
import { SNAPSHOT_FILE } from '../dist/catalog/snapshot.js';
import { writeSnapshot } from '../dist/catalog/write-snapshot.js';

try {
  const snapshot = writeSnapshot(SNAPSHOT_FILE);
  process.stdout.write(`catalog snapshot: ${snapshot.entries.length} entries, ${snapshot.knowledge.length} knowledge items\n`);
} catch (error) {
  if (!(error instanceof CatalogError)) throw error;
  rmSync(SNAPSHOT_FILE, { force: true });
  process.stderr.write(`catalog snapshot not written, the catalog is invalid:\n${error.message}\n`);
}
