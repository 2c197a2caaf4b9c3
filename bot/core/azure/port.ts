/**
 * What the core asks of Azure when a team opts in to acting from the card (AZURE_ACTIONS=on).
 * The core decides who may act and what to say; bot/azure/ implements this with Microsoft's
 * SDKs and is loaded only when the setting is on, so nothing here imports an Azure package.
 */

/** A SQL Server database protected in a Recovery Services vault: the ids every ARM call needs. */
export interface ProtectedDatabase {
  readonly subscription: string;
  /** The vault's resource group. */
  readonly resourceGroup: string;
  readonly vault: string;
  /** `VMAppContainer;Compute;<vm resource group>;<vm>`. */
  readonly container: string;
  /** `SQLDataBase;<instance>;<database>`. */
  readonly item: string;
  readonly instance: string;
  readonly database: string;
  readonly vm: string;
}

export type JobStatus = 'InProgress' | 'Completed' | 'CompletedWithWarnings' | 'Failed' | 'Cancelled' | 'Cancelling' | 'Unknown';

/** One backup job as Azure reports it, reduced to what a DBA reads on the card. */
export interface JobSummary {
  /** The job's name (a GUID): what `job()` takes. */
  readonly id: string;
  /** "Backup", "Restore", "ConfigureBackup"… */
  readonly operation: string;
  /** "Full", "Differential", "Log", "CopyOnlyFull", or null when Azure does not say. */
  readonly backupType: string | null;
  readonly status: JobStatus;
  /** ISO 8601, or null. */
  readonly start: string | null;
  readonly durationMs: number | null;
  /** The first error's code (e.g. "UserErrorSQLNoSnapshotSupport") and Azure's text for it. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/** Why a call failed, in the terms a chat message needs. */
export type AzureFailure =
  /** 401/403: the bot's identity lacks a role on the target (or has no credential at all). */
  | { readonly kind: 'forbidden'; readonly detail: string }
  /** 429 after the SDK's own retries; seconds to wait when Azure said. */
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number | null }
  /** No answer within the time allowed. */
  | { readonly kind: 'timeout' }
  /** The vault, item, job or alert does not exist (or the identity cannot see it). */
  | { readonly kind: 'not-found'; readonly detail: string }
  /** Anything else Azure refused, with its status and error code when it gave one. */
  | { readonly kind: 'failed'; readonly status: number | null; readonly code: string | null; readonly detail: string };

export class AzureError extends Error {
  constructor(readonly failure: AzureFailure) {
    super(`${failure.kind}${'detail' in failure ? `: ${failure.detail}` : ''}`);
    this.name = 'AzureError';
  }
}

export type AlertState = 'Acknowledged' | 'Closed';

/** Every call throws AzureError on failure; nothing else escapes. */
export interface AzureActions {
  /** The latest `limit` jobs of this database, newest first (looks back 30 days). */
  recentJobs(db: ProtectedDatabase, limit: number): Promise<readonly JobSummary[]>;
  /**
   * Starts an on-demand full backup whose recovery point is kept until `keepUntil`, and
   * resolves once Azure names the job it created (null when it never did in the time allowed).
   */
  startFullBackup(db: ProtectedDatabase, keepUntil: Date): Promise<{ readonly jobId: string | null }>;
  job(db: ProtectedDatabase, jobId: string): Promise<JobSummary>;
  /** The protected SQL databases named `database` in the vault named `vault` (any of the identity's subscriptions' resource groups). */
  findDatabases(vault: string, database: string): Promise<readonly ProtectedDatabase[]>;
  /** `alertId` as the common alert schema gives it: /subscriptions/…/providers/Microsoft.AlertsManagement/alerts/<guid>. */
  setAlertState(alertId: string, state: AlertState): Promise<void>;
}
