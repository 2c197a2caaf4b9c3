import type { CoreDeps } from '../deps.ts';
import type { Place } from '../types.ts';
import type { AzureFailure } from './port.ts';

export interface AuditEntry {
  readonly place: Place;
  readonly user: string;
  readonly action: 'full-backup' | 'alert-acknowledge' | 'alert-close';
  readonly target: string;
  /** Azure's answer: the job it started, or why nothing was done (a failure kind, not-allowed, job-running…). */
  readonly result: { readonly ok: true; readonly jobId?: string | null } | { readonly ok: false; readonly reason: AzureFailure['kind'] | 'not-allowed' | 'job-running' };
  /** The platform's delivery id of the press, to find it in the platform's own logs. */
  readonly requestId: string;
}

/** One JSON line per write attempt on Azure, allowed or not: who, where, what, and Azure's answer. */
export function audit(deps: CoreDeps, entry: AuditEntry): void {
  deps.logger.info(
    {
      audit: 'azure-action',
      who: entry.user,
      platform: entry.place.platform,
      team: entry.place.team,
      channel: entry.place.channel,
      action: entry.action,
      target: entry.target,
      result: entry.result,
      requestId: entry.requestId,
    },
    'azure action',
  );
}
