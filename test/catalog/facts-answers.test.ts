import { beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { DEFAULT_LIMITS, type CoreDeps } from '../../bot/core/deps.ts';
import { handle } from '../../bot/core/handle.ts';
import type { Place, Reply, ReplyBody } from '../../bot/core/types.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';

/**
 * Facts of the reference sheet a DBA asks about in a thread, answered from the catalog: a paste
 * opens the thread, a question follows, and the answer must carry the fact (a table name, a
 * registry key, a limit). Through the real core, classifier and catalog; nothing mocked.
 */
const catalog = loadCatalog();
const classifier = createClassifier(catalog);
let deps: CoreDeps;
let seq = 0;

beforeEach(() => {
  const clock = () => Date.parse('2026-11-27T03:00:00Z');
  deps = { catalog, classifier, store: createMemoryStore({ clock }), clock, limits: DEFAULT_LIMITS, logger: silentLogger() };
});

const thread = (): Place => ({ platform: 'slack', team: 'T1', channel: 'C1', thread: `900.${++seq}`, space: 'channel' });
function say(text: string, place: Place): Promise<Reply | null> {
  return handle({ type: 'message', id: `ev${++seq}`, user: 'U1', place, text, addressed: false }, deps);
}

/** Everything a follow-up answer shows: its text, steps and code. */
function shown(reply: Reply | null): string {
  expect(reply?.body.kind).toBe('follow-up');
  const b = reply?.body as Extract<ReplyBody, { kind: 'follow-up' }>;
  return [b.text, ...(b.items ?? []), b.code?.body ?? '', ...(b.actions ?? []).flatMap((a) => [a.text, a.code?.body ?? ''])].join('\n');
}

async function ask(paste: string, question: string): Promise<string> {
  const place = thread();
  await say(paste, place);
  return shown(await say(question, place));
}

describe('monitoring facts in a thread', () => {
  it('answers a Log Analytics question with the AddonAzureBackupJobs table and its failure-code column', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'how do I see these failures in log analytics?');
    expect(text).toMatch(/AddonAzureBackupJobs/);
    expect(text).toMatch(/JobFailureCode/);
    expect(text).toMatch(/6 hours/);
  });

  it('still answers "where are the extension logs" with the folder on the VM', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'is there a log on the vm for this?');
    expect(text).toMatch(/C:\\WindowsAzure\\Logs\\Plugins/);
    expect(text).toMatch(/WorkloadBackup\.Edp\.AzureBackupWindowsWorkload/);
    expect(text).toMatch(/WorkloadBackup\*/);
  });

  it('says where the code name hides when PowerShell shows only a number', async () => {
    const text = await ask('UserErrorOpeningSQLConnection', 'where do I find the error code in the job details?');
    expect(text).toMatch(/errorTitle/);
    expect(text).toMatch(/ErrorDetails/);
  });

  it('explains the alert emails and how to silence them from the portal', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'can I mute the alert emails in the portal?');
    expect(text).toMatch(/alert processing rule/);
    expect(text).toMatch(/Sev1/);
    const state = await ask('UserErrorSQLLSNValidationFailure', 'should I close the alert in the portal once fixed?');
    expect(state).toMatch(/Acknowledged or Closed/);
  });

  it('names the container and item the Azure CLI wants for an on-demand backup', async () => {
    const text = await ask('UserErrorParentFullBackupMissing', 'how do I take a full backup now?');
    expect(text).toMatch(/VMAppContainer;Compute;/);
    expect(text).toMatch(/SQLDataBase;<instance>;<database>/);
  });
});

describe('availability group facts in a thread', () => {
  it('answers a failover to another region with the vault rule and the 15-day limit on old log backups', async () => {
    const text = await ask('UserErrorParentFullBackupMissing', 'we failed over the AG to the DR region, will backups continue?');
    expect(text).toMatch(/region and subscription/);
    expect(text).toMatch(/15 days/);
  });

  it('says a failover alone does not break the log chain, and what does in an AG', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'does an AG failover break the log chain?');
    expect(text).toMatch(/does not break the chain/);
    expect(text).toMatch(/DefaultBackupTasksThreshold/);
    const general = await ask('UserErrorParentFullBackupMissing', 'does an AG failover break the log chain?');
    expect(general).toMatch(/failover keeps the log chain intact/);
  });

  it('answers how many backups a node runs at once with the default of 20 and the key that lowers it', async () => {
    const text = await ask('UserErrorSQLPODoesNotExist', 'how many concurrent backups can one AG node run?');
    expect(text).toMatch(/20/);
    expect(text).toMatch(/DefaultBackupTasksThreshold/);
  });

  it('tells a preference failure on a multi-region AG that only the vault region\'s nodes count', async () => {
    const text = await ask('UserErrorCannotTakeBackupBasedOnBackupPreference', 'our AG has a node in another region, does that matter?');
    expect(text).toMatch(/only the nodes registered in the vault's own region and subscription count/);
  });

  it('answers an overwrite restore into an AG with restore elsewhere, then join', async () => {
    const text = await ask('UserErrorCannotRestoreExistingDBWithoutForceOverwrite', 'can I overwrite a database in an availability group?');
    expect(text).toMatch(/Alternate Location/);
  });
});

describe('policy, restore and permission facts in a thread', () => {
  it('gives the policy retention limits and the throughput among the limits', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'what is the retention limit for log backups?');
    expect(text).toMatch(/35 days/);
    expect(text).toMatch(/180 days/);
    expect(text).toMatch(/350 MBps/);
  });

  it('names log shipping as another tool that breaks the chain, and what to do with it', async () => {
    for (const id of ['UserErrorSQLLSNValidationFailure', 'UserErrorOtherBackupProductCausingSQLLSNValidationFailure']) {
      const text = await ask(id, 'we use log shipping on this db, is that a problem?');
      expect(text, id).toMatch(/log shipping/i);
      expect(text, id).toMatch(/policy/);
    }
  });

  it('says a read-only database takes only full and copy-only full backups', async () => {
    const text = await ask('UserErrorSQLPODoesNotSupportBackupType', 'is a read-only database supported?');
    expect(text).toMatch(/only full and copy-only full/);
    expect(text).toMatch(/is_read_only/);
  });

  it('answers the Azure roles a restore needs', async () => {
    const text = await ask('UserErrorDatabaseFileCollision', 'what permissions do I need in azure to restore?');
    expect(text).toMatch(/Backup Operator/);
    expect(text).toMatch(/Contributor/);
  });

  it('answers where a cross region restore starts and how to follow it', async () => {
    const text = await ask('UserErrorDatabaseFileCollision', 'where in the portal do I start a cross region restore?');
    expect(text).toMatch(/Secondary Region/);
    expect(text).toMatch(/CrossRegionRestore/);
  });

  it('explains why master needs -m AzureWorkloadBackup, with the SQL error it avoids', async () => {
    const text = await ask('UserErrorRestoreFailedDatabaseCannotBeOfflined', 'how do I restore master?');
    expect(text).toMatch(/-m AzureWorkloadBackup/);
    expect(text).toMatch(/3108/);
  });

  it('says Marketplace images get the sysadmin grant from the SQL IaaS Agent extension', async () => {
    const text = await ask('UserErrorSQLNoSysadminMembership', 'do marketplace images get the sysadmin grant automatically?');
    expect(text).toMatch(/SqlIaaSExtension/);
  });
});

describe('chain-keeping facts in a thread', () => {
  it('says a backup taken outside Azure must be COPY_ONLY', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'can I take my own native backup without breaking the chain?');
    expect(text).toMatch(/WITH COPY_ONLY/);
  });

  it('says where the switch that turns auto-heal off goes', async () => {
    const text = await ask("Current settings for this database don't support certain backup types present in the associated policy.", 'can I turn off auto-heal?');
    expect(text).toMatch(/EnableAutoHealer/);
    expect(text).toMatch(/Azure Workload Backup\\bin/);
  });
});

describe('network and restore-point facts in a thread', () => {
  it('answers private endpoints with the DNS they need', async () => {
    const text = await ask('UserErrorSQLLSNValidationFailure', 'we use private endpoints, what network access does it need?');
    expect(text).toMatch(/private DNS zones/);
    expect(text).toMatch(/AzureBackup, Storage and AzureActiveDirectory/);
  });

  it('says point-in-time restore reaches the second, for FULL and BULK_LOGGED only', async () => {
    const text = await ask('CloudServiceEndpointNotFound', 'can I still restore to a point in time?');
    expect(text).toMatch(/to the second, for databases in FULL or BULK_LOGGED/);
  });
});
