import type { ProtectedDatabase } from './port.ts';

/**
 * The ARM id of a SQL Server database protected in a Recovery Services vault, as `az`,
 * PowerShell, the REST API and Azure Backup alerts print it:
 *   /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<vault>
 *   /backupFabrics/Azure/protectionContainers/VMAppContainer;Compute;<vm rg>;<vm>
 *   /protectedItems/SQLDataBase;<instance>;<database>
 * ARM ids are case-insensitive, and people paste them with a trailing slash or with the
 * semicolons percent-encoded (copied from a portal URL), so all of that is accepted.
 */
const ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)\/backupFabrics\/Azure\/protectionContainers\/([^/]+)\/protectedItems\/([^/]+)\/?$/i;

/** `VMAppContainer;Compute;<vm resource group>;<vm>`. */
const CONTAINER = /^VMAppContainer;Compute;([^;]+);([^;]+)$/i;
/** `SQLDataBase;<instance>;<database>`; a database name may itself hold a semicolon. */
const ITEM = /^SQLDataBase;([^;]+);(.+)$/i;

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The ids of a protected SQL database, or null when `id` is anything else (a VM, a file share, SAP HANA, an AG container). */
export function protectedDatabaseFromId(id: string): ProtectedDatabase | null {
  const text = decoded(id.trim());
  const m = text === null ? null : ID.exec(text);
  if (!m) return null;
  const [, subscription, resourceGroup, vault, container, item] = m as unknown as [string, string, string, string, string, string];
  const c = CONTAINER.exec(container);
  const i = ITEM.exec(item);
  if (!c || !i) return null;
  return { subscription, resourceGroup, vault, container, item, instance: i[1]!, database: i[2]!, vm: c[2]! };
}
