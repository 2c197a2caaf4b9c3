import type { Reply } from '../types.ts';
import type { AzureFailure, ProtectedDatabase } from './port.ts';

/** An answer only the presser sees (Slack ephemeral, a Teams dialog). */
export const privately = (text: string): Reply => ({ body: { kind: 'notice', text }, delivery: 'ephemeral' });

/** The role each kind of call needs, as the README's least-privilege setup grants it. */
export type Need = 'backup' | 'alerts';
const ROLE: Record<Need, string> = {
  backup: 'Backup Operator on the vault',
  alerts: 'Monitoring Contributor (or a role with Microsoft.AlertsManagement/alerts/changestate/action) on the alert\'s subscription',
};

/** One sentence a DBA can act on, for each way a call to Azure can fail. */
export function failureText(failure: AzureFailure, need: Need, what: string): string {
  switch (failure.kind) {
    case 'forbidden':
      return `Azure refused to ${what}: the bot's identity needs *${ROLE[need]}*. Ask whoever runs the bot to grant it (README: "Acting on Azure from the card").`;
    case 'throttled':
      return `Azure is throttling requests right now, so I could not ${what}. Try again${failure.retryAfterSeconds ? ` in ${failure.retryAfterSeconds} s` : ' in a minute'}.`;
    case 'timeout':
      return `Azure did not answer in time, so I could not ${what}. Try again in a minute.`;
    case 'not-found':
      return `Azure could not ${what}: it does not know the database, vault or alert any more (removed, or out of the bot's identity's sight).`;
    case 'failed':
      return `Azure refused to ${what}${failure.code ? ` (${failure.code})` : failure.status ? ` (HTTP ${failure.status})` : ''}: ${failure.detail.slice(0, 300)}`;
  }
}

/** A backup request that got no answer may still have started: the one timeout that must not invite a retry. */
export const START_UNANSWERED = 'Azure did not answer in time, so I cannot tell whether the backup started. Look at *Recent jobs* before trying again.';

export const REFUSED =
  'Running a backup or changing an alert in Azure needs permission, and you are not on the list. Ask whoever runs the bot to add you (or a Slack user group you are in) to AZURE_ACTIONS_ALLOWED. Recent jobs are open to everyone here.';

export function resourceIdOf(db: ProtectedDatabase): string {
  return `/subscriptions/${db.subscription}/resourceGroups/${db.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${db.vault}/backupFabrics/Azure/protectionContainers/${db.container}/protectedItems/${db.item}`;
}
