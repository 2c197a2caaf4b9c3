import type { Entry } from '../catalog/index.ts';

/**
 * SQL Server error numbers in a paste: "Msg 9002, Level 17", "Error: 18456, Severity: 14",
 * "(Microsoft SQL Server, Error: -1)", "MSSQLSERVER_53", "SQL error 3013". The text of those
 * errors is matched separately, as templates (match-messages.ts).
 */

/** Errors SQL Server appends to nearly every failed backup or restore: never the cause. */
export const GENERIC_SQL_ERRORS: ReadonlySet<number> = new Set([3013, 3041]);

export interface SqlErrorHit {
  readonly number: number;
  readonly at: number;
  /** Written in a form only SQL Server output uses (Msg n, Level / MSSQLSERVER_n / SQL Server, Error:). */
  readonly strong: boolean;
}

export type SqlErrorIndex = ReadonlyMap<number, readonly { id: string; inferred: boolean }[]>;

export function buildSqlErrorIndex(entries: readonly Entry[]): SqlErrorIndex {
  const index = new Map<number, { id: string; inferred: boolean }[]>();
  for (const entry of entries) {
    for (const e of entry.sqlErrors) {
      const list = index.get(e.number) ?? [];
      if (!list.some((x) => x.id === entry.id)) list.push({ id: entry.id, inferred: e.inferred });
      index.set(e.number, list);
    }
  }
  return index;
}

// Bounded whitespace and no nested quantifiers: each pattern runs in linear time.
const MSG = /\bmsg\s{0,3}(-?\d{1,6})\s{0,3},\s{0,3}level\s{0,3}\d{1,2}/gi;
const DOC_PAGE = /\bmssqlserver_(-?\d{1,6})\b/gi;
const SERVER_ERROR = /\bsql\s{0,2}server\s{0,2},\s{0,2}error\s{0,2}:\s{0,2}(-?\d{1,6})\b/gi;
const PLAIN = /\b(sql\s{0,2}(?:server\s{0,2})?)?error(?:\s{0,2}(?:number|no\.?|code|#))?\s{0,2}[:=]?\s{0,2}(-?\d{1,6})\b/gi;

/** SQL error numbers in order of appearance, each number once (its first place). */
export function scanSqlErrors(text: string): SqlErrorHit[] {
  const found = new Map<number, SqlErrorHit>();
  const note = (raw: string | undefined, at: number, strong: boolean): void => {
    const number = Number(raw);
    if (!Number.isInteger(number)) return;
    const before = found.get(number);
    if (!before || (strong && !before.strong) || at < before.at) {
      found.set(number, { number, at: Math.min(at, before?.at ?? at), strong: strong || (before?.strong ?? false) });
    }
  };
  for (const m of text.matchAll(MSG)) note(m[1], m.index, true);
  for (const m of text.matchAll(DOC_PAGE)) note(m[1], m.index, true);
  for (const m of text.matchAll(SERVER_ERROR)) note(m[1], m.index, true);
  for (const m of text.matchAll(PLAIN)) note(m[2], m.index, m[1] !== undefined);
  return [...found.values()].sort((a, b) => a.at - b.at);
}

/**
 * Small numbers ("error 2", "error 53") are everywhere in chat; only count them when the
 * paste says it is SQL Server output.
 */
export function isTelling(hit: SqlErrorHit): boolean {
  return hit.strong || Math.abs(hit.number) >= 100;
}
