import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The bot runs on Node 20 (the Dockerfile's node:20 image), while the newest @azure/*
 * releases want Node 22: package.json pins them and overrides their transitive packages to
 * Node-20 releases. This check reads every package the lock file installs and fails when
 * one of them declares an engines.node range that leaves Node 20 out, so an upgrade cannot
 * slip a Node-22-only package in. Node 20.19 is the floor: vitest 4 and rolldown already need it.
 */
const NODE_20 = [20, 19, 0] as const;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Version = readonly [number, number, number];

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The npm range grammar engines fields use: ||, comparators, ^, ~, x-ranges, hyphen ranges. */
function satisfies(v: Version, range: string): boolean {
  return range.split('||').some((alternative) => {
    const text = alternative.trim().replace(/([<>=~^]+)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    const comparators = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : text.split(/\s+/).filter(Boolean);
    return comparators.every((c) => one(v, c));
  });
}

function one(v: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?v?(\*|x|\d+)(?:\.(\*|x|\d+))?(?:\.(\*|x|\d+))?(?:[-+].*)?$/i.exec(comparator);
  if (!m) throw new Error(`unreadable engines comparator "${comparator}"`);
  const op = m[1] ?? '';
  const parts = [m[2], m[3], m[4]].map((p) => (p === undefined || /^[*x]$/i.test(p) ? null : Number(p)));
  const given = parts.findIndex((p) => p === null);
  const n = given === -1 ? 3 : given; // how many numbers were written
  const low: Version = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
  const bump = (i: number): Version => [i === 0 ? low[0] + 1 : low[0], i === 1 ? low[1] + 1 : i < 1 ? 0 : low[1], i === 2 ? low[2] + 1 : 0];
  if (n === 0) return op === '<' ? false : true;
  if (op === '' || op === '=') return compare(v, low) >= 0 && (n === 3 ? compare(v, low) === 0 : compare(v, bump(n - 1)) < 0);
  if (op === '>=') return compare(v, low) >= 0;
  if (op === '<') return compare(v, low) < 0;
  if (op === '>') return compare(v, n === 3 ? low : bump(n - 1)) >= (n === 3 ? 1 : 0);
  if (op === '<=') return n === 3 ? compare(v, low) <= 0 : compare(v, bump(n - 1)) < 0;
  if (op === '~') return compare(v, low) >= 0 && compare(v, bump(Math.min(n, 2) - 1)) < 0;
  // ^: the first non-zero part written is the one that may not change.
  const fixed = low[0] !== 0 || n === 1 ? 0 : low[1] !== 0 || n === 2 ? 1 : 2;
  return compare(v, low) >= 0 && compare(v, bump(fixed)) < 0;
}

interface LockFile {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
}

describe('every installed package runs on Node 20', () => {
  it('reads ranges as npm does', () => {
    const v = NODE_20;
    expect(['>=20', '>=18.0.0', '^20.19.0 || >=22.12.0', '20 || >=22', '>= 0.8', '*', '4.x || >=6.0.0', '^16 || ^18 || >=20', '18 - 20', '~20.19.0', '>=20.18.1']
      .every((r) => satisfies(v, r))).toBe(true);
    expect(['>=22', '^22.0.0', '>=20.20.0', '18', '^18 || >=22', '<20', '~20.18.0', '>20', '20.18.x'].some((r) => satisfies(v, r))).toBe(false);
  });

  it('has no package in the lock file whose engines leave Node 20.19 out', () => {
    const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as LockFile;
    const checked = Object.entries(lock.packages).filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node);
    const refused = checked.filter(([, p]) => !satisfies(NODE_20, (p.engines as { node: string }).node)).map(([path, p]) => `${path}@${p.version}: engines.node ${(p.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
    expect(checked.filter(([path]) => path.includes('@azure/')).length).toBeGreaterThan(10);
  });

  it('installed the pinned Azure packages the lock file names', () => {
    const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as LockFile;
    const azure = Object.entries(lock.packages).filter(([path]) => /node_modules\/(@azure|@typespec)\/[^/]+$/.test(path));
    const drift = azure.flatMap(([path, p]) => {
      const installed = JSON.parse(readFileSync(`${ROOT}${path}/package.json`, 'utf8')) as { version: string; engines?: { node?: string } };
      const range = installed.engines?.node;
      return [installed.version !== p.version && `${path}: ${installed.version} installed, lock says ${p.version}`, range && !satisfies(NODE_20, range) && `${path}: engines.node ${range}`].filter(Boolean);
    });
    expect(drift).toEqual([]);
  });
});
