/**
 * `npx tsx scripts/article-fingerprint.ts [<article.md>]`: what the catalog tests need to know about
 * Microsoft's troubleshoot article, without the article's text in this repository: its
 * section anchors, hashed, and a hash of every run of 12 consecutive words of its prose. The tests
 * check that each docs link points at a real section and that no explanation repeats 12+ words
 * of the article (our own words, not a copy), in a plain clone too.
 * Writes test/catalog/article-fingerprint.json; commit it when the article changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUN = 12;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const ARTICLE = resolve(ROOT, '../shared/reference/backup-sql-server-azure-troubleshoot.md');
export const FINGERPRINT = resolve(ROOT, 'test/catalog/article-fingerprint.json');

export interface Fingerprint {
  readonly article: string;
  readonly date: string;
  readonly run: number;
  /** Hashes (as `runs`) of the section anchors Microsoft Learn builds from the headings. */
  readonly anchors: readonly string[];
  /** First 16 hex digits of the SHA-256 of each run of `run` words of prose, sorted. */
  readonly runs: readonly string[];
}

export const words = (text: string): string[] => text.toLowerCase().replace(/[‘’]/g, "'").match(/[a-z0-9]+(?:'[a-z0-9]+)*/g) ?? [];

export const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Hashes of every run of `RUN` consecutive words in `text`. */
export function runHashes(text: string): string[] {
  const all = words(text);
  const out: string[] = [];
  for (let i = 0; i + RUN <= all.length; i += 1) out.push(hashOf(all.slice(i, i + RUN).join(' ')));
  return out;
}

export function fingerprintOf(markdown: string, article: string): Fingerprint {
  const anchors = markdown
    .split('\n')
    .filter((line) => /^#{2,4} /.test(line))
    .map((line) => line.replace(/^#+ /, '').trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
  // Prose only: code blocks, images, link targets and HTML are not what a paraphrase copies.
  const prose = markdown
    .replace(/```[\s\S]*?```/g, '\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ');
  return {
    article,
    date: /^ms\.date:\s*(.+)$/m.exec(markdown)?.[1]?.trim() ?? 'unknown',
    run: RUN,
    anchors: [...new Set(anchors.map(hashOf))].sort(),
    runs: [...new Set(runHashes(prose))].sort(),
  };
}

export function readFingerprint(): Fingerprint {
  return JSON.parse(readFileSync(FINGERPRINT, 'utf8')) as Fingerprint;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = resolve(process.argv[2] ?? ARTICLE);
  const fingerprint = fingerprintOf(readFileSync(source, 'utf8'), basename(source));
  writeFileSync(FINGERPRINT, `${JSON.stringify(fingerprint, null, 1)}\n`);
  process.stdout.write(`${FINGERPRINT}: ${String(fingerprint.anchors.length)} anchors, ${String(fingerprint.runs.length)} runs of ${String(RUN)} words\n`);
}
