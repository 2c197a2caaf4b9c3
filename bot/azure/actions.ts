import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { DefaultAzureCredential } from '@azure/identity';
import { AzureError, type AlertState, type AzureActions } from '../core/azure/port.ts';
import type { Logger } from '../ops/logger.ts';
import { ALERTS_API_VERSION, createArmRest } from './arm-rest.ts';
import type { AzureConfig } from './config.ts';
import { CallLog, toFailure } from './failure.ts';
import { findDatabases } from './find-databases.ts';
import { startFullBackup } from './full-backup.ts';
import { toJobSummary } from './job-summary.ts';
import { recentJobs } from './recent-jobs.ts';

/** An alert id as the common alert schema gives it, scoped to a subscription or below. */
const ALERT_ID = /^\/subscriptions\/[^/?#]+(?:\/[^/?#]+)*\/providers\/Microsoft\.AlertsManagement\/alerts\/[^/?#]+$/i;

/**
 * Settles when `work` does or when `signal` aborts, whichever is first. The pipeline honours
 * the signal, but the token request behind it may not (msal's managed-identity client takes
 * none), and a hung identity endpoint must not hang a chat action past its deadline.
 */
function withinDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let stop = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  // Whichever loses settles later with nobody listening: that must not be an unhandled rejection.
  work.catch(() => undefined);
  aborted.catch(() => undefined);
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', stop));
}

/**
 * The Azure edge: Microsoft's SDK for Backup, documented REST through the same pipeline for
 * the rest, credentials only from @azure/identity's default chain. Every call has
 * AZURE_TIMEOUT_SECONDS, logs one line (no token: none is ever read here), and throws only
 * AzureError.
 */
export function createAzureActions(config: AzureConfig, logger: Logger): AzureActions {
  const log = logger.child({ component: 'azure' });
  const credential = new DefaultAzureCredential();
  const calls = new CallLog();
  const clientOptions = {
    endpoint: config.endpoint,
    credentialScopes: [`${config.endpoint}/.default`],
    additionalPolicies: [{ policy: calls.policy, position: 'perRetry' as const }],
  };
  const clients = new Map<string, RecoveryServicesBackupClient>();
  const backup = (subscription: string): RecoveryServicesBackupClient => {
    const key = subscription.toLowerCase();
    let client = clients.get(key);
    if (!client) clients.set(key, (client = new RecoveryServicesBackupClient(credential, subscription, clientOptions)));
    return client;
  };
  const rest = createArmRest(config.endpoint, credential, [calls.policy]);

  async function act<T>(action: string, target: string, work: (signal: AbortSignal, deadline: number) => Promise<T>): Promise<T> {
    const started = Date.now();
    const signal = AbortSignal.timeout(config.timeoutMs);
    try {
      const result = await withinDeadline(work(signal, started + config.timeoutMs), signal);
      log.info({ action, target, ms: Date.now() - started, azureRequestId: calls.requestIdFor(signal) }, 'azure call done');
      return result;
    } catch (error) {
      const failure = toFailure(error, signal, calls);
      log.warn({ action, target, ms: Date.now() - started, azureRequestId: calls.requestIdFor(signal), failure }, 'azure call failed');
      throw new AzureError(failure);
    }
  }

  return {
    recentJobs: (db, limit) => act('recentJobs', `${db.vault}/${db.item}`, (signal) => recentJobs(backup(db.subscription), db, limit, signal)),
    startFullBackup: (db, keepUntil) =>
      act('startFullBackup', `${db.vault}/${db.item}`, (signal, deadline) => startFullBackup(backup(db.subscription), db, keepUntil, signal, deadline, log)),
    job: (db, jobId) =>
      act('job', `${db.vault}/${jobId}`, async (signal) => toJobSummary(await backup(db.subscription).jobDetails.get(db.vault, db.resourceGroup, jobId, { abortSignal: signal }))),
    findDatabases: (vault, database) =>
      act('findDatabases', `${vault}/${database}`, (signal) => findDatabases(rest, backup, config.subscriptions, vault, database, signal)),
    setAlertState: (alertId: string, state: AlertState) =>
      act('setAlertState', alertId, async (signal) => {
        if (!ALERT_ID.test(alertId) || alertId.split('/').includes('..')) {
          throw new AzureError({ kind: 'failed', status: null, code: 'InvalidAlertId', detail: `not an Azure Monitor alert id: ${alertId.slice(0, 200)}` });
        }
        await rest.send('POST', `${alertId}/changestate`, { 'api-version': ALERTS_API_VERSION, newState: state }, signal);
      }),
  };
}
