import type { AlertView } from '../alert-view.ts';
import { toCandidates } from '../candidates.ts';
import type { CoreDeps } from '../deps.ts';
import type { Place } from '../types.ts';
import type { ProtectedDatabase } from '../azure/port.ts';
import { protectedDatabaseFromId } from '../azure/protected-id.ts';
import { targetRef } from '../azure/targets.ts';
import type { AlertCode } from './code.ts';
import type { AlertEvent } from './parse.ts';

/**
 * One problem: the failures of one protected item with one error code, in one conversation,
 * from the first alert until Azure resolves it or it goes quiet. Ids and Azure's facts only.
 */
export interface Problem {
  readonly id: string;
  /** The conversation (thread null). */
  readonly place: Place;
  /** The root card's message id, once posted. */
  rootId: string | null;
  readonly item: string;
  readonly code: AlertCode;
  /** The latest alert: its facts are what the card shows. */
  alert: AlertEvent;
  readonly firstFired: number;
  lastFired: number;
  /** The bot's own count: every new alert id for this item and code while open. */
  occurrences: number;
  /** When the thread last got a "failed again" line (at most one an hour). */
  lastLineAt: number;
  /** The alert ids counted (the latest ones), so a Resolved can find its problem. */
  alertIds: string[];
  ack: { by: string; at: number } | null;
  /** `until` null: until resolved. */
  mute: { by: string; until: number | null } | null;
  resolved: { by: 'azure' | 'quiet'; at: number } | { by: 'user'; who: string; at: number } | null;
}

/** The protected database an alert is about, for the card's Azure buttons (SQL items only). */
export function alertDatabase(problem: Problem): ProtectedDatabase | null {
  return problem.alert.sql ? protectedDatabaseFromId(problem.alert.item) : null;
}

export function isMuted(problem: Problem, now: number): boolean {
  return problem.mute !== null && (problem.mute.until === null || problem.mute.until > now);
}

export function utc(at: number | string): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * Diagnoses per catalog, by code and message: a card is redrawn on every repeat, press and
 * close, and classifying Azure's message again each time is the costliest part of a redraw.
 */
const diagnoses = new WeakMap<object, Map<string, AlertView['diagnosis']>>();

/** The diagnosis a paste of this alert's code and message would get. */
export function diagnosisOf(deps: CoreDeps, problem: Problem): AlertView['diagnosis'] {
  const { alert, code } = problem;
  if (!alert.sql) return null;
  const cache = diagnoses.get(deps.catalog) ?? new Map<string, AlertView['diagnosis']>();
  diagnoses.set(deps.catalog, cache);
  const key = `${code.entryId ?? ''}\n${code.code}\n${alert.description}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const diagnosis = diagnose(deps, problem);
  // Bounded: alert messages repeat, but a flood of distinct ones must not grow it forever.
  if (cache.size >= 1000) cache.clear();
  cache.set(key, diagnosis);
  return diagnosis;
}

function diagnose(deps: CoreDeps, problem: Problem): AlertView['diagnosis'] {
  const { alert, code } = problem;
  const entry = code.entryId ? deps.catalog.get(code.entryId) : undefined;
  const c = deps.classifier.classify(alert.description, 'direct');
  if (entry) {
    const alternatives = toCandidates(deps.catalog, c.matches, [entry.id]).filter((a) => a.score >= 0.3);
    return { kind: 'entries', entries: [entry], alternatives };
  }
  const scored = [...deps.classifier.nearest(code.code, 3), ...c.matches.slice(0, 3)].sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const unique = scored.filter((m) => !seen.has(m.id) && seen.add(m.id));
  return { kind: 'unknown-code', codes: [code.code], candidates: toCandidates(deps.catalog, unique).slice(0, 4) };
}

/** Renders who did something: Slack mentions the user, Teams shows the name it was given. */
export function viewOf(deps: CoreDeps, problem: Problem, now: number): AlertView {
  const { alert } = problem;
  const facts: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) facts.push({ label, value });
  };
  if (alert.sql) {
    add('Database', alert.sql.database);
    add('Instance', alert.sql.instance);
  } else add('Protected item', alert.item.split('/').pop() ?? alert.item);
  add('VM', alert.vm);
  add('Vault', alert.vault);
  add('Error code', problem.code.code);
  add('Severity', alert.severity);
  add('First fired', utc(problem.firstFired));
  add('Occurrences', problem.occurrences > 1 ? `${problem.occurrences}, last at ${utc(problem.lastFired)}` : '1');
  return {
    problemId: problem.id,
    rule: alert.rule,
    severity: alert.severity,
    state: !problem.resolved
      ? { kind: 'open' }
      : problem.resolved.by === 'user'
        ? { kind: 'resolved', by: 'user', who: problem.resolved.who, at: utc(problem.resolved.at) }
        : { kind: 'resolved', by: problem.resolved.by, at: utc(problem.resolved.at) },
    facts,
    description: alert.description,
    recommended: alert.recommended,
    investigationLink: alert.investigationLink,
    acknowledged: problem.ack ? { by: problem.ack.by, at: utc(problem.ack.at) } : null,
    muted: isMuted(problem, now) && problem.mute ? { by: problem.mute.by, until: problem.mute.until === null ? null : utc(problem.mute.until) } : null,
    diagnosis: diagnosisOf(deps, problem),
    ...azureOf(deps, problem),
  };
}

/** Recent jobs always; Run full backup when the diagnosis is an entry whose fix is one. The target is kept by the desk. */
function azureOf(deps: CoreDeps, problem: Problem): Pick<AlertView, 'azure' | 'changesAzure'> {
  if (!deps.azure) return {};
  const db = alertDatabase(problem);
  if (!db) return { changesAzure: true };
  const entry = problem.code.entryId ? deps.catalog.get(problem.code.entryId) : undefined;
  return { changesAzure: true, azure: { ref: targetRef(problem.place, db), backup: entry?.remedy === 'full-backup' } };
}
