import type { ProtectedDatabase } from './port.ts';

const ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)\/backupFabrics\/Azure\/protectionContainers\/(VMAppContainer;Compute;([^;/]+);([^;/]+))\/protectedItems\/(SQLDataBase;([^;/]+);([^;/]+))\/?$/i;

/** A SQL database's protected-item ARM id → its parts; null for anything else. */
export function protectedDatabaseFromId(id: string): ProtectedDatabase | null {
  const m = ID.exec(id.trim());
  if (!m) return null;
  const [, subscription = '', resourceGroup = '', vault = '', container = '', , vm = '', item = '', instance = '', database = ''] = m;
  return { subscription, resourceGroup, vault, container, item, instance, database, vm };
}
