import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationStatus, OperationStatusJobExtendedInfo, RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import type { FullOperationResponse } from '@azure/core-client';
import { AzureError, type ProtectedDatabase } from '../core/azure/port.ts';
import type { Logger } from '../ops/logger.ts';
import { retryAfterSeconds } from './failure.ts';

/** When Azure gives no Retry-After on an operation still running. */
const DEFAULT_POLL_MS = 2_000;
/** The follow-up stops this long before the action's deadline, so "started, job not named yet" gets out in time. */
const FOLLOW_MARGIN_MS = 250;

/**
 * Starts an on-demand full backup and follows the operation Azure answers with (202 and an
 * Azure-AsyncOperation / Location header) until it names the backup job, as the Backup REST
 * docs describe. The operation is read through the SDK's documented
 * ProtectedItemOperationStatuses call, by the id that ends the header's URL, rather than by
 * GETting the header URL itself: the bearer token then only ever goes to the configured
 * endpoint. Once Azure accepted the backup, a slow or failing follow-up is not a failure
 * (the backup is running; saying "failed" would invite a second one): it gives jobId null.
 */
export async function startFullBackup(
  client: RecoveryServicesBackupClient,
  db: ProtectedDatabase,
  keepUntil: Date,
  signal: AbortSignal,
  deadline: number,
  log: Logger,
): Promise<{ jobId: string | null }> {
  let accepted: FullOperationResponse | undefined;
  await client.backups.trigger(
    db.vault,
    db.resourceGroup,
    'Azure',
    db.container,
    db.item,
    { properties: { objectType: 'AzureWorkloadBackupRequest', backupType: 'Full', recoveryPointExpiryTimeInUTC: keepUntil } },
    { abortSignal: signal, onResponse: (raw) => (accepted = raw) },
  );
  const header = accepted?.headers.get('azure-asyncoperation') ?? accepted?.headers.get('location');
  const operationId = header ? operationIdOf(header) : null;
  if (operationId === null) {
    log.warn({ action: 'startFullBackup', target: db.item }, 'Azure accepted the backup without naming an operation to follow');
    return { jobId: null };
  }
  let waitMs = waitOf(accepted);
  const end = deadline - FOLLOW_MARGIN_MS;
  const follow = AbortSignal.any([signal, AbortSignal.timeout(Math.max(0, end - Date.now()))]);
  try {
    for (;;) {
      const left = end - Date.now();
      if (left <= 0) return { jobId: null };
      // Azure's wait is honoured; only our own deadline cuts it short, for one last look.
      await sleep(Math.min(waitMs, Math.max(0, left - 50)), undefined, { signal: follow });
      let polled: FullOperationResponse | undefined;
      const status: OperationStatus = await client.protectedItemOperationStatuses.get(db.vault, db.resourceGroup, 'Azure', db.container, db.item, operationId, {
        abortSignal: follow,
        onResponse: (raw) => (polled = raw),
      });
      const jobId = status.properties?.objectType === 'OperationStatusJobExtendedInfo' ? (status.properties as OperationStatusJobExtendedInfo).jobId : undefined;
      if (jobId) return { jobId };
      if (status.status === 'Failed' || status.status === 'Canceled') {
        throw new AzureError({ kind: 'failed', status: null, code: status.error?.code ?? null, detail: `${status.error?.code ?? status.status}: ${status.error?.message ?? 'the backup operation did not start'}` });
      }
      if (status.status === 'Succeeded') return { jobId: null };
      waitMs = waitOf(polled);
    }
  } catch (error) {
    if (error instanceof AzureError) throw error;
    log.warn({ action: 'startFullBackup', target: db.item, err: error instanceof Error ? error.message : String(error) }, 'gave up following the backup operation');
    return { jobId: null };
  }
}

function waitOf(response: FullOperationResponse | undefined): number {
  const seconds = retryAfterSeconds(response);
  return seconds === null ? DEFAULT_POLL_MS : seconds * 1000;
}

/** The operation id that ends `.../operationsStatus/<id>?api-version=…` (or `/operationResults/<id>`). */
export function operationIdOf(headerUrl: string): string | null {
  try {
    const last = new URL(headerUrl).pathname.split('/').filter(Boolean).at(-1);
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}
