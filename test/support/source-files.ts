import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.git', '__snapshots__', 'coverage']);

/** Every .ts file under `dir` (no dependencies, builds or snapshots); `tests: false` leaves out *.test.ts. */
export function sourceFiles(dir: string, options: { tests: boolean }): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (SKIP.has(d.name)) return [];
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path, options);
    return d.name.endsWith('.ts') && (options.tests || !d.name.endsWith('.test.ts')) ? [path] : [];
  });
}
