import { protectedDatabaseFromId } from './protected-id.ts';
import type { ProtectedDatabase } from './port.ts';

/**
 * A protected SQL database's ARM id anywhere in a paste: `az backup item show` and REST JSON
 * ("id"), Get-AzRecoveryServicesBackupItem's `Id :` line, an alert's protectedItemId. Ids
 * pasted with JSON escapes (\/) count too.
 */
const CANDIDATE = /\/subscriptions\/[^\s"'<>]+?\/protectedItems\/SQLDataBase;[^\s"'<>;/]+;[^\s"'<>,;/\\]+/gi;

export function pastedDatabase(text: string): ProtectedDatabase | null {
  for (const [found] of text.replace(/\\\//g, '/').matchAll(CANDIDATE)) {
    const db = protectedDatabaseFromId(found);
    if (db) return db;
  }
  return null;
}
