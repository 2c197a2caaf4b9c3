/**
 * `npm run catalog:check [dir ...]`: validates an operator's catalog folder against the
 * built-in catalog (so `extends:` and `related` resolve) and names every bad file and field.
 * Exit 0 when all is well, 1 when any file is bad, 2 on wrong usage.
 */
import { BUILT_IN_DIR, inspectCatalog } from '../catalog/index.ts';

const USAGE = 'usage: npm run catalog:check -- <dir> [<dir> ...]\n(no folder: checks the built-in catalog)\n';
const dirs = process.argv.slice(2);
if (dirs.includes('--help') || dirs.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
// A mistyped option would otherwise be read as a folder and reported as unreadable.
const option = dirs.find((d) => d.startsWith('-'));
if (option !== undefined) {
  process.stderr.write(`catalog:check: unknown option ${option}\n${USAGE}`);
  process.exit(2);
}
const { catalog, errors } = inspectCatalog(BUILT_IN_DIR, dirs);
for (const error of errors) {
  process.stderr.write(`✗ ${error.file}\n${error.problems.map((p) => `    ${p}`).join('\n')}\n`);
}
if (!catalog) {
  process.stderr.write(`${errors.length} problem(s) found.\n`);
  process.exit(1);
}
const checked = dirs.length > 0 ? dirs.join(', ') : 'the built-in catalog';
process.stdout.write(`✓ ${checked}: ${catalog.entries.length} entries valid.\n`);
