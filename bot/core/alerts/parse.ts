import { z } from 'zod';

/**
 * Azure Monitor's common alert schema → the facts the bot needs about one alert. Pure and
 * platform-free. The payload carries no error-code field and no database field: those come
 * from ids and text (see code.ts and the SQLDataBase;<instance>;<db> suffix below).
 */

export const COMMON_SCHEMA_ID = 'azureMonitorCommonAlertSchema';
export const SEVERITIES = ['Sev0', 'Sev1', 'Sev2', 'Sev3', 'Sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertEvent {
  readonly alertId: string;
  readonly condition: 'Fired' | 'Resolved';
  readonly severity: Severity;
  readonly rule: string;
  readonly service: string;
  readonly description: string;
  readonly originAlertId: string | null;
  readonly firedAt: string | null;
  readonly resolvedAt: string | null;
  readonly investigationLink: string | null;
  /** Azure's own recommended action (extendedInfo.recommendedActions). */
  readonly recommended: string | null;
  readonly vault: string | null;
  readonly subscription: string | null;
  /** The vault's resource group (targetResourceGroup). */
  readonly resourceGroup: string | null;
  /** Every resource group the ids name (vault's and VM's), for the rg= filter. */
  readonly resourceGroups: readonly string[];
  readonly vm: string | null;
  /** Null for anything that is not a SQL Server database in an Azure VM. */
  readonly sql: { readonly instance: string; readonly database: string } | null;
  /** What one problem is about: the protected item (its id, lower case), else the alert target. */
  readonly item: string;
}

const text = z.string().nullish();
const essentials = z.looseObject({
  alertId: z.string().min(1).max(1000),
  alertRule: text,
  severity: text,
  monitorCondition: z.enum(['Fired', 'Resolved']),
  monitoringService: text,
  alertTargetIDs: z.array(z.string()).nullish(),
  configurationItems: z.array(z.string()).nullish(),
  originAlertId: text,
  firedDateTime: text,
  resolvedDateTime: text,
  description: text,
  investigationLink: text,
  targetResourceGroup: text,
});
const alertContext = z
  .looseObject({
    sourceId: text,
    sourceType: text,
    protectedItemId: text,
    linkedResourceId: text,
    linkedResourceName: text,
    formattedSourceType: text,
    extendedInfo: z.looseObject({ recommendedActions: text }).nullish(),
  })
  .nullish();
const commonSchema = z.looseObject({
  schemaId: z.literal(COMMON_SCHEMA_ID),
  data: z.looseObject({ essentials, alertContext }),
});

export type ParseResult =
  | { readonly ok: true; readonly alert: AlertEvent }
  | { readonly ok: false; readonly reason: 'not-common-schema' | 'invalid'; readonly detail: string };

const SQL_ITEM = /SQLDataBase;([^;/]+);([^;/]+)$/i;
const RESOURCE_GROUP = /\/resourceGroups\/([^/]+)|;Compute;([^;/]+);/gi;
const SUBSCRIPTION = /\/subscriptions\/([^/]+)/i;
const VAULT = /\/providers\/microsoft\.recoveryservices\/vaults\/([^/]+)/i;

export function parseAlert(body: unknown): ParseResult {
  const schemaId = (body as { schemaId?: unknown } | null)?.schemaId;
  if (schemaId !== COMMON_SCHEMA_ID) {
    return { ok: false, reason: 'not-common-schema', detail: 'expected schemaId "azureMonitorCommonAlertSchema": turn on useCommonAlertSchema for this webhook in the action group' };
  }
  const parsed = commonSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: 'invalid', detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const e = parsed.data.data.essentials;
  const c = parsed.data.data.alertContext ?? {};
  const targets = e.alertTargetIDs ?? [];
  const ids = [c.protectedItemId, c.sourceId, ...targets].filter((x): x is string => typeof x === 'string' && x.length > 0);
  const sqlMatch = [c.sourceId, c.protectedItemId].map((id) => (id ? SQL_ITEM.exec(id) : null)).find((m) => m);
  const vaultTarget = targets.map((t) => VAULT.exec(t)?.[1]).find((v) => v) ?? c.protectedItemId?.match(VAULT)?.[1];
  const severity = SEVERITIES.find((s) => s.toLowerCase() === e.severity?.toLowerCase()) ?? 'Sev1';
  return {
    ok: true,
    alert: {
      alertId: e.alertId,
      condition: e.monitorCondition,
      severity,
      rule: e.alertRule ?? 'Azure Monitor alert',
      service: e.monitoringService ?? '',
      description: e.description ?? '',
      originAlertId: e.originAlertId ?? null,
      firedAt: e.firedDateTime ?? null,
      resolvedAt: e.resolvedDateTime ?? null,
      investigationLink: /^https:\/\//.test(e.investigationLink ?? '') ? (e.investigationLink ?? null) : null,
      recommended: c.extendedInfo?.recommendedActions ?? null,
      vault: e.configurationItems?.[0] ?? vaultTarget ?? null,
      subscription: ids.map((id) => SUBSCRIPTION.exec(id)?.[1]).find((s) => s) ?? null,
      resourceGroup: e.targetResourceGroup ?? null,
      resourceGroups: [...new Set([e.targetResourceGroup, ...[...ids, c.linkedResourceId ?? ''].flatMap((id) => [...id.matchAll(RESOURCE_GROUP)].map((m) => m[1] ?? m[2]))].filter((x): x is string => Boolean(x)))],
      vm: c.linkedResourceName ?? c.linkedResourceId?.split('/').pop() ?? null,
      sql: sqlMatch ? { instance: sqlMatch[1]!, database: sqlMatch[2]! } : null,
      item: (ids[0] ?? e.alertId).toLowerCase(),
    },
  };
}

/** Azure Backup alerts are the ones this bot diagnoses; anything else is acknowledged and left alone. */
export function isAzureBackup(alert: AlertEvent): boolean {
  return alert.service.toLowerCase() === 'azure backup';
}
