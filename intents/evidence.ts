import { scanCodes, type CodeIndex } from './extract-codes.ts';
import { guessCode, reframedCode, type FuzzyIndex } from './fuzzy-codes.ts';
import { nearestIds } from './nearest-ids.ts';
import { findTemplates, type MessageIndex, type TemplateHit } from './match-messages.ts';
import { canonicalTokens } from './normalize.ts';
import { GENERIC_SQL_ERRORS, isTelling, scanSqlErrors, type SqlErrorIndex } from './sql-errors.ts';
import type { Entry } from '../catalog/index.ts';
import type { MatchVia } from './types.ts';

/**
 * Everything the paste literally says: codes, numeric codes, Azure and SQL Server messages,
 * SQL error numbers, near-miss codes, unknown and foreign codes. No model, no thresholds
 * beyond "is it really there".
 */

export interface Evidence {
  readonly id: string;
  readonly score: number;
  readonly via: MatchVia;
  readonly at: number;
  /** Named literally: goes into `found`. */
  readonly literal: boolean;
  /** A near-miss of a code (typo, fragment). */
  readonly fuzzy: boolean;
  /** The misspelt word a near-miss was read from. */
  readonly from?: string;
  /** Found through a SQL error mapping that is our reading, not Microsoft's. */
  readonly inferred?: boolean;
}

export interface Indices {
  readonly entries: readonly Entry[];
  readonly codes: CodeIndex;
  readonly fuzzy: FuzzyIndex;
  readonly messages: MessageIndex;
  readonly sqlErrors: SqlErrorIndex;
}

export interface Findings {
  readonly evidence: Evidence[];
  readonly unknownCodes: string[];
  readonly hana: string[];
}

/** A message counts as pasted when most of it is there; a generous share of a long one too. */
function messageScore(hit: TemplateHit): { score: number; literal: boolean } | null {
  const got = Math.round(hit.coverage * hit.shingles);
  if (hit.coverage >= 0.999) return { score: hit.kind === 'alias' ? 0.9 : 0.95, literal: hit.kind !== 'alias' };
  if (hit.kind === 'alias' || hit.coverage < 0.5 || got < 3) return null;
  return { score: 0.55 + 0.35 * hit.coverage, literal: hit.coverage >= 0.75 };
}

/** Drops a message hit that lies inside a longer message hit (a short text quoted by a long one). */
function subsumed(hit: TemplateHit, all: readonly TemplateHit[]): boolean {
  return all.some(
    (o) => o !== hit && o.kind !== 'alias' && o.coverage >= 0.999 && o.shingles > hit.shingles && o.at <= hit.at && o.end >= hit.end && o.id !== hit.id,
  );
}

export function gatherEvidence(text: string, ix: Indices): Findings {
  const evidence: Evidence[] = [];
  const push = (id: string, score: number, via: MatchVia, at: number, literal: boolean, fuzzy = false, from?: string): void => {
    evidence.push({ id, score, via, at, literal, fuzzy, ...(from ? { from } : {}) });
  };
  const scan = scanCodes(text, ix.codes);
  for (const hit of scan.hits) push(hit.id, hit.via === 'code' ? 1 : 0.97, hit.via, hit.at, true);

  const unknownCodes: string[] = [];
  for (const { word, at } of scan.unknown) {
    // "UserErrorSQLLSNValidationFaliure" has the Azure shape but is a typo of a known code.
    const guess = guessCode(word, ix.fuzzy).filter((g) => g.score >= 0.84);
    const other = guess.length > 0 ? null : reframedCode(word, ix.fuzzy);
    if (guess.length > 0) for (const g of guess) push(g.id, g.score, 'code', at, false, true, word);
    else if (other) push(other.id, other.score, 'code', at, false, true, word);
    else unknownCodes.push(word);
  }
  for (const { word, at } of scan.codeLike) for (const g of guessCode(word, ix.fuzzy)) push(g.id, g.score, 'code', at, false, true, word);

  const hits = findTemplates(canonicalTokens(text), ix.messages);
  const specificSql = new Set<number>();
  for (const hit of hits) {
    const s = messageScore(hit);
    if (!s || subsumed(hit, hits)) continue;
    if (hit.kind === 'sql' && hit.sqlNumber !== null) {
      if (GENERIC_SQL_ERRORS.has(hit.sqlNumber)) push(hit.id, 0.45, 'sql-error', hit.at, false);
      else {
        specificSql.add(hit.sqlNumber);
        const inferred = (ix.sqlErrors.get(hit.sqlNumber) ?? []).some((m) => m.id === hit.id && m.inferred);
        evidence.push({ id: hit.id, score: s.score - 0.07, via: 'sql-error', at: hit.at, literal: s.literal, fuzzy: false, ...(inferred ? { inferred } : {}) });
      }
    } else push(hit.id, s.score, hit.kind === 'alias' ? 'text' : 'message', hit.at, s.literal);
  }
  for (const sql of scanSqlErrors(text)) {
    if (!isTelling(sql) && !specificSql.has(sql.number)) continue;
    for (const { id, inferred } of ix.sqlErrors.get(sql.number) ?? []) {
      if (GENERIC_SQL_ERRORS.has(sql.number)) push(id, 0.45, 'sql-error', sql.at, false);
      else if (inferred) evidence.push({ id, score: 0.86, via: 'sql-error', at: sql.at, literal: true, fuzzy: false, inferred: true });
      else push(id, 0.9, 'sql-error', sql.at, true);
    }
  }
  // Our own reading of a SQL error never outranks what Azure or Microsoft say the paste is.
  if (evidence.some((e) => e.literal && !e.inferred)) {
    for (const [i, e] of evidence.entries()) if (e.inferred) evidence[i] = { ...e, literal: false, score: Math.min(e.score, 0.5) };
  }
  if (unknownCodes.length > 0 && !evidence.some((e) => e.literal)) {
    // Nearest known codes, scored low: the bot says "not in the catalog" and offers these.
    for (const g of nearestIds(unknownCodes[0]!, ix.entries, 3)) push(g.id, Math.min(0.35, g.score * 0.35), 'text', 0, false);
  }
  return { evidence, unknownCodes, hana: scan.hana };
}
