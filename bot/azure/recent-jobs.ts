import type { AzureVmWorkloadProtectedItem, JobResource, RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import type { JobSummary, ProtectedDatabase } from '../core/azure/port.ts';
import { hostsOf, isJobOf, toJobSummary } from './job-summary.ts';

const DAY_MS = 86_400_000;
/**
 * The job list holds every job of the vault, all databases together: a vault whose
 * databases take log backups every 15 minutes has thousands a day. So the last day is read
 * first, and the whole 30 days only when that day does not hold `limit` jobs of this database.
 */
const WINDOWS_DAYS = [1, 30] as const;
/** Pages read per window at most, so one busy vault cannot eat the whole time allowed. */
const MAX_PAGES = 50;

/** The Backup API's job filter wants its own date format: "2016-01-01 00:00:00 AM", UTC. */
export function filterDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(h % 12 || 12)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The latest `limit` jobs of `db` in the last 30 days, newest first. */
export async function recentJobs(client: RecoveryServicesBackupClient, db: ProtectedDatabase, limit: number, signal: AbortSignal): Promise<JobSummary[]> {
  // The item names the SQL Server's host as its jobs do; reading it also proves the item exists.
  const item = await client.protectedItems.get(db.vault, db.resourceGroup, 'Azure', db.container, db.item, { abortSignal: signal });
  const hosts = hostsOf(db, (item.properties as AzureVmWorkloadProtectedItem | undefined)?.serverName);
  const now = new Date();
  let mine: JobResource[] = [];
  for (const days of WINDOWS_DAYS) {
    const filter = `backupManagementType eq 'AzureWorkload' and startTime eq '${filterDate(new Date(now.getTime() - days * DAY_MS))}' and endTime eq '${filterDate(now)}'`;
    mine = [];
    let pages = 0;
    for await (const page of client.backupJobs.list(db.vault, db.resourceGroup, { filter, abortSignal: signal }).byPage()) {
      mine.push(...page.filter((job) => isJobOf(job, db, hosts)));
      if (++pages >= MAX_PAGES) break;
    }
    if (mine.length >= limit) break;
  }
  const time = (job: JobResource): number => job.properties?.startTime?.getTime() ?? 0;
  return mine.sort((a, b) => time(b) - time(a)).slice(0, Math.max(0, limit)).map(toJobSummary);
}
