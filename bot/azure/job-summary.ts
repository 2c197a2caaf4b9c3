import type { AzureWorkloadJob, JobResource } from '@azure/arm-recoveryservicesbackup';
import type { JobStatus, JobSummary, ProtectedDatabase } from '../core/azure/port.ts';

/**
 * What a SQL backup job from the Backup REST API means on the card. The API's own shapes
 * (documented samples): operation "Backup (Full)", "Backup (Log)", "Restore"…; duration
 * either ISO 8601 ("PT1.65S") or .NET's "00:03:13.6439467"; errorDetails carry a numeric
 * errorCode and the readable code in errorTitle ("UserErrorSQLNoSnapshotSupport").
 */

const STATUSES: readonly JobStatus[] = ['InProgress', 'Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled', 'Cancelling'];

/** "Copy Only Full" and "CopyOnlyFull" are both seen; the port speaks the second. */
function backupTypeOf(operation: string, job: AzureWorkloadJob): string | null {
  const named = /\(([^)]+)\)\s*$/.exec(operation)?.[1] ?? job.extendedInfo?.propertyBag?.['Backup Type'] ?? null;
  return named === null ? null : named.replace(/[\s-]+/g, '');
}

/** Milliseconds of "PT1H2M3.5S", "P1DT2H", "00:03:13.6439467" or "1.02:03:04"; null otherwise. */
export function durationMs(text: string | undefined): number | null {
  if (!text) return null;
  const iso = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const [d, h, m, s] = iso.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
    return Math.round((((d * 24 + h) * 60 + m) * 60 + s) * 1000);
  }
  const span = /^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text);
  if (!span) return null;
  const [d, h, m, s] = span.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return Math.round((((d * 24 + h) * 60 + m) * 60 + s) * 1000);
}

export function toJobSummary(resource: JobResource): JobSummary {
  const job = (resource.properties ?? { jobType: 'AzureWorkloadJob' }) as AzureWorkloadJob;
  const raw = job.operation ?? '';
  const status = STATUSES.find((s) => s.toLowerCase() === (job.status ?? '').toLowerCase()) ?? 'Unknown';
  const error = job.errorDetails?.[0];
  const errorCode = error?.errorTitle?.trim() || (error?.errorCode !== undefined ? String(error.errorCode) : null);
  return {
    id: resource.name ?? '',
    operation: raw.replace(/\s*\([^)]*\)\s*$/, '') || 'Unknown',
    backupType: backupTypeOf(raw, job),
    status,
    start: job.startTime instanceof Date && !Number.isNaN(job.startTime.getTime()) ? job.startTime.toISOString() : null,
    durationMs: durationMs(job.duration),
    errorCode,
    errorMessage: error?.errorString?.trim() || job.extendedInfo?.dynamicErrorMessage?.trim() || null,
  };
}

/**
 * The names a job of this database may give its host: the SQL Server's computer name as
 * the protected item reports it (serverName, often a FQDN) and the VM's name, which is what
 * Azure names the computer unless someone renamed it.
 */
export function hostsOf(db: ProtectedDatabase, serverName: string | undefined): Set<string> {
  const names = [db.vm, serverName ?? ''].map((n) => n.trim().toLowerCase()).filter(Boolean);
  return new Set([...names, ...names.map((n) => n.split('.')[0]!)]);
}

/**
 * Whether a job of the vault is this database's. Workload jobs carry no container or item
 * id, only an entity name, "<instance>/<database> [<host>]" (or "<database> [<host>]"): the
 * database and instance must match, and the host one of `hosts`. Names compare
 * case-insensitively, as SQL Server and ARM do.
 */
export function isJobOf(resource: JobResource, db: ProtectedDatabase, hosts: ReadonlySet<string>): boolean {
  const job = resource.properties as AzureWorkloadJob | undefined;
  if (job?.jobType !== 'AzureWorkloadJob') return false;
  if (job.workloadType && job.workloadType.toLowerCase() !== 'sqldatabase') return false;
  const m = /^(?:(.+?)\/)?(.+?)\s*\[([^\]]+)\]\s*$/.exec(job.entityFriendlyName ?? '');
  if (!m) return false;
  const [, instance, database, host] = m as unknown as [string, string | undefined, string, string];
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const h = host.trim().toLowerCase();
  return same(database, db.database) && (instance === undefined || same(instance, db.instance)) && (hosts.has(h) || hosts.has(h.split('.')[0]!));
}
