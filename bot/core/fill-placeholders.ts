import type { CodeBlock, Placeholder } from '../../catalog/index.ts';
import type { PasteDetails } from '../../intents/index.ts';

/**
 * Fills `<database>`-style placeholders in a command with what the paste said, quoted for
 * the language so that a hostile name stays data: a T-SQL identifier inside `[...]` with `]`
 * doubled, a T-SQL or PowerShell string inside '...' with its quotes doubled, a shell string
 * inside '...' closed and reopened around each quote, a JSON string escaped. A placeholder
 * that stands outside such quoting is left as it is: there is no safe way to fill it.
 */

export function valuesOf(d: PasteDetails): Partial<Record<Placeholder, string>> {
  const vm = d.server && !d.server.includes('.') ? d.server : undefined;
  const values: Partial<Record<Placeholder, string | undefined>> = {
    database: d.database,
    instance: d.instance,
    server: d.server,
    vm,
    vault: d.vault,
    'resource-group': d.resourceGroup,
    // Azure names a SQL backup item SQLDataBase;<instance>;<database>.
    item: d.item ?? (d.instance && d.database ? `SQLDataBase;${d.instance};${d.database}` : undefined),
    'job-id': d.jobId,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

type Quote = (value: string) => string;

/** PowerShell treats the typographic single quotes as quotes too; each is escaped by doubling. */
const PS_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

const QUOTINGS: Partial<Record<CodeBlock['lang'], readonly (readonly [open: string, close: string, quote: Quote])[]>> = {
  sql: [
    ['[', ']', (v) => `[${v.replace(/]/g, ']]')}]`],
    ["N'", "'", (v) => `N'${v.replace(/'/g, "''")}'`],
    ["'", "'", (v) => `'${v.replace(/'/g, "''")}'`],
  ],
  powershell: [["'", "'", (v) => `'${v.replace(PS_QUOTES, (q) => q + q)}'`]],
  bash: [["'", "'", (v) => `'${v.replace(/'/g, `'\\''`)}'`]],
  json: [['"', '"', (v) => JSON.stringify(v)]],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The block with every safely quoted placeholder filled, and the names it filled. */
export function fillBlock(code: CodeBlock, values: Partial<Record<Placeholder, string>>): { code: CodeBlock; filled: Placeholder[] } {
  const quotings = QUOTINGS[code.lang] ?? [];
  let body = code.body;
  const filled: Placeholder[] = [];
  for (const [name, value] of Object.entries(values) as [Placeholder, string][]) {
    for (const [open, close, quote] of quotings) {
      const pattern = new RegExp(`${escapeRegExp(open)}<${escapeRegExp(name)}>${escapeRegExp(close)}`, 'g');
      // A function replacement: `$&` or `$1` inside a hostile value must stay literal.
      const next = body.replace(pattern, () => quote(value));
      if (next !== body && !filled.includes(name)) filled.push(name);
      body = next;
    }
  }
  return { code: filled.length > 0 ? { ...code, body } : code, filled };
}
