import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { load as parseYaml, YAMLException } from 'js-yaml';
import { CatalogError } from './catalog.ts';
import { overlaySchema } from './overlay.ts';
import { entrySchema } from './schema.ts';

/**
 * Safe reading of the operator's catalog folders (CATALOG_DIR). Unlike the built-in entries,
 * these files come from wherever an operator points: a link to /dev/zero or a FIFO must not
 * hang the start, a link to /etc/shadow must not print its lines in an error, a huge file or
 * a YAML alias bomb must not eat the memory, and a folder with nothing to load (a typo in
 * CATALOG_DIR, or CATALOG_DIR=/etc) must not pass as valid. Every error names the file and
 * what is wrong, never the file's content.
 */

/** The largest built-in entry is under 8 KB. */
export const MAX_ENTRY_FILE_BYTES = 256 * 1024;
/** Scalars and collections after aliases are expanded: an alias bomb expands past this at once. */
export const MAX_ENTRY_NODES = 50_000;
/** Characters of all the strings after aliases are expanded. */
export const MAX_ENTRY_CHARS = 1024 * 1024;

const ENTRY_NAME = /\.ya?ml$/;
const FIELDS = new Set([...Object.keys(entrySchema.shape), ...Object.keys(overlaySchema.shape)]);
/** A field name worth repeating in an error (a typo such as "sumary"); anything else may be a secret. */
const WORD = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** The entry files of an operator folder, sorted; a folder that cannot be read or holds none is an error. */
export function operatorEntryFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CatalogError(dir, [`cannot read the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  const files = names.filter((name) => ENTRY_NAME.test(name)).sort();
  if (files.length === 0) throw new CatalogError(dir, ['no entry files (*.yaml or *.yml) in this folder; check CATALOG_DIR']);
  return files.map((name) => join(dir, name));
}

/** Reads and parses one operator file: a regular file inside its folder, within the size caps. */
export function readOperatorYaml(file: string): unknown {
  const text = readRegularFileInside(file, dirname(file));
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    // js-yaml's message quotes the lines around the problem: keep only the reason and place.
    if (!(error instanceof YAMLException)) throw error;
    const where = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    throw new CatalogError(file, [`not valid YAML: ${error.reason}${where}`]);
  }
  checkExpandedSize(file, parsed);
  checkTopLevel(file, parsed);
  return parsed;
}

function readRegularFileInside(file: string, dir: string): string {
  let real: string;
  let realDir: string;
  try {
    realDir = realpathSync(dir);
    real = realpathSync(file);
  } catch (error) {
    throw new CatalogError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  if (!real.startsWith(realDir + sep)) throw new CatalogError(file, ['is a link to outside its folder; copy the file into the folder instead']);
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer;
    // no-follow, so a link swapped in since realpath is refused rather than followed.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    throw new CatalogError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CatalogError(file, ['is not a regular file']);
    if (stat.size > MAX_ENTRY_FILE_BYTES) throw new CatalogError(file, [`is larger than ${MAX_ENTRY_FILE_BYTES / 1024} KB`]);
    // Read one byte more than allowed: a file that grew since fstat is caught too.
    const buffer = Buffer.alloc(MAX_ENTRY_FILE_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_ENTRY_FILE_BYTES) throw new CatalogError(file, [`is larger than ${MAX_ENTRY_FILE_BYTES / 1024} KB`]);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Walks the value as the schema will, aliases expanded, and stops as soon as it is too big. */
function checkExpandedSize(file: string, value: unknown): void {
  let nodes = 0;
  let chars = 0;
  const tooBig = (): CatalogError =>
    new CatalogError(file, [`expands to more than ${MAX_ENTRY_NODES} values or ${MAX_ENTRY_CHARS / 1024} KB of text (YAML aliases?)`]);
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (++nodes > MAX_ENTRY_NODES) throw tooBig();
    if (typeof item === 'string') chars += item.length;
    else if (Array.isArray(item)) stack.push(...(item as unknown[]));
    else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        chars += key.length;
        stack.push(child);
      }
    }
    if (chars > MAX_ENTRY_CHARS) throw tooBig();
  }
}

/** The file must be a mapping of known fields; unknown names are repeated only when they look like names. */
function checkTopLevel(file: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CatalogError(file, [`(root): must be a YAML mapping of entry fields (id, title, ...) or an addition (extends: ...), not ${Array.isArray(value) ? 'a list' : value === null ? 'empty' : 'a single value'}`]);
  }
  const unknown = Object.keys(value).filter((key) => !FIELDS.has(key));
  if (unknown.length === 0) return;
  const named = unknown.filter((key) => WORD.test(key));
  const unnamed = unknown.length - named.length;
  const parts = [...named.map((key) => `"${key}"`), ...(unnamed > 0 ? [`${unnamed} that ${unnamed === 1 ? 'is' : 'are'} not a field name`] : [])];
  throw new CatalogError(file, [`(root): unknown ${unknown.length === 1 ? 'field' : 'fields'} ${parts.join(', ')}`]);
}
