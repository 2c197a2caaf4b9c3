import type { Catalog } from '../../../catalog/index.ts';
import type { Classifier } from '../../../intents/index.ts';
import type { AlertEvent } from './parse.ts';

/**
 * The error code of an alert, mapped onto a catalog entry. Azure sends no code field: it is
 * in the aka.ms/AB-<code> link of the recommended action, lower-cased inside originAlertId
 * (azureworkload + code + backup type), and the message itself goes through the classifier.
 */
export interface AlertCode {
  /** The catalog entry, when one matches. */
  readonly entryId: string | null;
  /** The code as Azure spells it (the catalog's spelling when known), for keys and cards. */
  readonly code: string;
}

const AKA = /aka\.ms\/AB-([A-Za-z0-9]+)/i;
const WORKLOAD_PREFIX = /^\d*(azureworkload)?/;
const BACKUP_TYPE = /(full|log|differential|copyonlyfull|incremental)$/;

export function alertCode(alert: AlertEvent, catalog: Catalog, classifier: Classifier): AlertCode {
  const byLower = new Map(catalog.entries.map((e) => [e.id.toLowerCase(), e.id]));
  const aka = AKA.exec(alert.recommended ?? '')?.[1]?.toLowerCase();
  const fromAka = aka ? byLower.get(aka) : undefined;
  if (fromAka) return { entryId: fromAka, code: fromAka };

  const origin = (alert.originAlertId ?? '').split('_').pop()?.toLowerCase() ?? '';
  // The longest id inside the suffix: UserErrorParentFullBackupMissing must not win over
  // UserErrorParentFullBackupMissingRemedialFullNotPossible.
  let best: string | undefined;
  for (const [lower, id] of byLower) if (origin.includes(lower) && (!best || lower.length > best.length)) best = id;
  if (best) return { entryId: best, code: best };

  const c = classifier.classify(alert.description, 'direct');
  const named = c.found[0] ?? (c.trigger ? c.matches[0]?.id : undefined);
  const raw = aka ?? (origin.replace(WORKLOAD_PREFIX, '').replace(BACKUP_TYPE, '') || alert.rule.toLowerCase().replace(/\s+/g, '-'));
  if (named) return { entryId: named, code: named };
  return { entryId: null, code: raw };
}
