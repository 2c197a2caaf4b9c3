import type { RecoveryServicesBackupClient, AzureVmWorkloadProtectedItem } from '@azure/arm-recoveryservicesbackup';
import type { ProtectedDatabase } from '../core/azure/port.ts';
import { protectedDatabaseFromId } from '../core/azure/protected-id.ts';
import { SUBSCRIPTIONS_API_VERSION, VAULTS_API_VERSION, type ArmRest } from './arm-rest.ts';

/** `<resource id>/…/resourceGroups/<rg>/…`. */
const RESOURCE_GROUP = /\/resourceGroups\/([^/]+)\//i;

interface Named {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly subscriptionId?: unknown;
}

/**
 * The protected SQL databases named `database` in every vault named `vault` that the
 * identity can see: vaults are listed per subscription (the configured ones, or all it can
 * read), names compared case-insensitively as ARM does, then the vault's SQL protected
 * items are listed with the documented filter and matched on their friendly name.
 */
export async function findDatabases(
  rest: ArmRest,
  backupClient: (subscription: string) => RecoveryServicesBackupClient,
  configured: readonly string[],
  vault: string,
  database: string,
  signal: AbortSignal,
): Promise<ProtectedDatabase[]> {
  const subscriptions =
    configured.length > 0
      ? configured
      : ((await rest.list('/subscriptions', { 'api-version': SUBSCRIPTIONS_API_VERSION }, signal)) as Named[])
          .map((s) => s.subscriptionId)
          .filter((s): s is string => typeof s === 'string');
  const found = new Map<string, ProtectedDatabase>();
  for (const subscription of subscriptions) {
    const vaults = (await rest.list(`/subscriptions/${encodeURIComponent(subscription)}/providers/Microsoft.RecoveryServices/vaults`, { 'api-version': VAULTS_API_VERSION }, signal)) as Named[];
    for (const v of vaults) {
      if (typeof v.name !== 'string' || v.name.toLowerCase() !== vault.toLowerCase() || typeof v.id !== 'string') continue;
      const resourceGroup = RESOURCE_GROUP.exec(v.id)?.[1];
      if (!resourceGroup) continue;
      const items = backupClient(subscription).backupProtectedItems.list(v.name, resourceGroup, {
        filter: "backupManagementType eq 'AzureWorkload' and itemType eq 'SQLDataBase'",
        abortSignal: signal,
      });
      for await (const item of items) {
        const props = item.properties as AzureVmWorkloadProtectedItem | undefined;
        if (props?.friendlyName?.toLowerCase() !== database.toLowerCase() || !item.id) continue;
        const db = protectedDatabaseFromId(item.id);
        if (db) found.set(item.id.toLowerCase(), db);
      }
    }
  }
  return [...found.values()];
}
