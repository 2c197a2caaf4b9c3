import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './support/source-files.ts';

/**
 * Dependency arrows point inward: adapters (Slack, Teams, HTTP) -> core -> intents -> catalog,
 * with ops (logs, metrics) and the store as leaves the core may use. An upward import is how
 * a layered codebase quietly becomes a tangle, so every production file is checked here.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** For each layer (a folder), the layers its production files may import from. */
const ALLOWED: Record<string, readonly string[]> = {
  catalog: ['catalog'],
  intents: ['intents', 'catalog'],
  'bot/ops': ['bot/ops'],
  'bot/store': ['bot/store', 'bot/ops'],
  'bot/core': ['bot/core', 'bot/ops', 'bot/store', 'intents', 'catalog'],
  'bot/cards': ['bot/cards', 'bot/core', 'intents', 'catalog'],
};
/** Test and bench code: no production file may depend on it. */
const TEST_ONLY = ['test', 'bench', 'testkit'];

/** Relative specifiers of static, type-only, re-export and dynamic imports. */
function importsOf(code: string): string[] {
  const found = code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm);
  return [...found].map((m) => m[1]!);
}

function layerOf(file: string): string | undefined {
  const rel = relative(ROOT, file).split('\\').join('/');
  return [...Object.keys(ALLOWED), ...TEST_ONLY].sort((a, b) => b.length - a.length).find((l) => rel === l || rel.startsWith(`${l}/`));
}

function violations(): string[] {
  const production = ['bot', 'intents', 'catalog', 'cli', 'scripts'].flatMap((d) => sourceFiles(join(ROOT, d), { tests: false }));
  return production.flatMap((file) => {
    const from = layerOf(file);
    return importsOf(readFileSync(file, 'utf8')).flatMap((spec) => {
      const to = layerOf(resolve(dirname(file), spec));
      const where = `${relative(ROOT, file)} imports ${spec}`;
      if (to !== undefined && TEST_ONLY.includes(to)) return [`${where}: test-only code`];
      // Adapters, the CLI and scripts sit on top: they may import any layer.
      if (from === undefined || from === to) return [];
      const allowed = ALLOWED[from] ?? [];
      return to !== undefined && allowed.includes(to) ? [] : [`${where}: ${from} may import only ${allowed.join(', ')}`];
    });
  });
}

describe('dependency direction', () => {
  it('has no upward import: ops and store never import the core, the core no adapter, intents and catalog nothing of the bot', () => {
    expect(violations()).toEqual([]);
  });

  it('reads every kind of import the check relies on', () => {
    const code = [
      "import type { A } from '../core/types.ts';",
      "import { b } from './b.ts';",
      "export { c } from '../../catalog/index.ts';",
      "const d = await import('../slack/app.ts');",
      "import './side-effect.ts';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf(code)).toEqual(['../core/types.ts', './b.ts', '../../catalog/index.ts', '../slack/app.ts', './side-effect.ts']);
  });
});
