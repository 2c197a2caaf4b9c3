import { utc } from '../core/alerts/problem.ts';
import type { JobSummary } from '../core/azure/port.ts';
import type { AzureButtons, CardAction, ReplyBody, Who } from '../core/types.ts';

/** Words and buttons of the Azure parts of a card, shared by the Block Kit and Adaptive Card renderers. */

export interface AzureButton {
  readonly label: string;
  readonly action: CardAction;
  readonly primary?: boolean;
  /** Changes something in Azure: the press is checked against AZURE_ACTIONS_ALLOWED. */
  readonly writes?: boolean;
}

export function azureButtonsOf(azure: AzureButtons): AzureButton[] {
  const buttons: AzureButton[] = [{ label: 'Recent jobs', action: { kind: 'azure', op: 'jobs', ref: azure.ref } }];
  if (azure.backup) buttons.push({ label: 'Run full backup now…', action: { kind: 'azure', op: 'backup', ref: azure.ref }, primary: true, writes: true });
  return buttons;
}

/** Said under buttons that change Azure, so nobody learns it from a refusal. */
export const PERMISSION_NOTE = 'Running a backup, acknowledging or closing an alert changes Azure and needs permission (AZURE_ACTIONS_ALLOWED). Recent jobs is open to everyone here.';

function duration(ms: number | null): string | null {
  if (ms === null) return null;
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? 'under a minute' : minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

const STATUS: Record<JobSummary['status'], string> = {
  InProgress: 'running',
  Completed: 'completed',
  CompletedWithWarnings: 'completed with warnings',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Cancelling: 'cancelling',
  Unknown: 'status unknown',
};

/** "Backup (Full) · failed · 2026-11-27 10:00 UTC · 5 min · UserErrorSQLNoSnapshotSupport" */
export function jobLine(job: JobSummary): string {
  const what = job.backupType && !job.operation.includes(job.backupType) ? `${job.operation} (${job.backupType})` : job.operation;
  return [what, STATUS[job.status], job.start ? utc(job.start) : null, duration(job.durationMs), job.errorCode].filter(Boolean).join(' · ');
}

export function jobsTitle(b: Extract<ReplyBody, { kind: 'jobs' }>): string {
  return `Recent jobs of ${b.database} in ${b.vault}`;
}

export const NO_JOBS = 'Azure lists no job for this database in the last 30 days.';

type Run = Extract<ReplyBody, { kind: 'backup-run' }>;

export function runTitle(b: Run): string {
  return `Full backup of ${b.database}: ${STATUS[b.status]}`;
}

/**
 * The run's facts, one line each. `who` is already rendered as the platform shows users;
 * everything else goes through `esc`, the platform's escaping.
 */
export function runLines(b: Run, who: string, esc: (text: string) => string = (text) => text): string[] {
  const lines = [`Started from the card by ${who} at ${esc(b.at)}; the recovery point is kept until ${esc(b.keptUntil)}.`];
  lines.push(esc(b.jobId ? `Vault ${b.vault}, job ${b.jobId}.` : `Vault ${b.vault}. Azure has not named the job yet: Recent jobs will show it.`));
  if (b.finishedAt) lines.push(esc(`Finished at ${b.finishedAt}.`));
  if (b.error) lines.push(esc(`Azure's error: ${b.error.code}${b.error.message ? `: ${b.error.message.slice(0, 500)}` : ''}`));
  if (b.note) lines.push(esc(b.note));
  return lines;
}

type Confirm = Extract<ReplyBody, { kind: 'confirm-backup' }>;

export const CONFIRM_TITLE = 'Start a full backup?';

export function confirmText(b: Confirm): string {
  return `This starts an on-demand full backup of ${b.database} (${b.instance} on ${b.vm}) now, in vault ${b.vault} (resource group ${b.resourceGroup}, subscription ${b.subscription}). Scheduled backups go on as before; the new full backup starts a fresh base for differential and log backups.`;
}

export const RETENTION_LABEL = 'Keep the recovery point for (days)';
/** The retention's input: a Slack number_input's action_id, an Adaptive Card Input.Number's id. */
export const RETENTION_INPUT = 'days';

/** Who did something, where the platform gave a name (Teams); ids never reach a Teams card. */
export function whoNamed(who: Who): string {
  return who.name ?? 'a team member';
}

/** A notice about someone ("Ana acknowledged the alert…"), for renderers that show names. */
export function noticeBy(b: Extract<ReplyBody, { kind: 'notice' }>): string {
  return b.by ? `${whoNamed(b.by)} ${b.text}` : b.text;
}
