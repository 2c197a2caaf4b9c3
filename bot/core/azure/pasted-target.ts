import type { CoreDeps } from '../deps.ts';
import type { Place, ReplyBody } from '../types.ts';
import { protectedDatabaseFromId } from './protected-id.ts';
import { azureButtons } from './targets.ts';
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

/** An answer to a paste that names a protected database gets the Azure buttons for it. */
export async function withPastedTarget(deps: CoreDeps, place: Place, text: string, body: ReplyBody): Promise<ReplyBody> {
  if (!deps.azure || body.kind !== 'entries' || body.azure) return body;
  const db = pastedDatabase(text);
  if (!db) return body;
  const backup = body.entries.some((e) => e.remedy === 'full-backup');
  const azure = await azureButtons(deps, place, db, backup);
  return azure ? { ...body, azure } : body;
}
