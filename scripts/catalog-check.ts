/**
 * `npm run catalog:check [dir ...]`: validates an operator's catalog folder against the
 * built-in catalog (so `extends:` and `related` resolve) and names every bad file and field.
 * Exit 0 when all is well, 1 when any file is bad, 2 on wrong usage.
 */
import { BUILT_IN_DIR, inspectCatalog } from '../catalog/index.ts';

const dirs = process.argv.slice(2);
if (dirs.includes('--help') || dirs.includes('-h')) {
  process.stdout.write('usage: npm run catalog:check -- <dir> [<dir> ...]\n(no folder: checks the built-in catalog)\n');
  process.exit(0);
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
