import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_CALLBACK } from '../../bot/cards/slack-azure.ts';
import { botEnv, startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeArm, type FakeDatabase } from '../../testkit/fake-arm.ts';
import { FakeSlackApi, type SlackCall } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { until } from '../../testkit/until.ts';
import { alertFor } from './alert-for.ts';
import { blockActions, buttonsOf, slashCommand, viewSubmission } from '../slack/payloads.ts';
import { ResponseUrlServer } from '../slack/response-url.ts';

/**
 * Acting on Azure from a Slack card, end to end: a real bot process (AZURE_ACTIONS=on) takes
 * signed Slack requests into Bolt's receiver, calls the stand-in ARM over HTTPS with a
 * managed-identity token through Microsoft's SDKs, and posts through the Web API stand-in.
 */

const ALLOWED = 'UALLOWED1';
const GROUPIE = 'UGROUPIE';
const STRANGER = 'USTRANGER';
const ALERT_TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a59687';

const arm = new FakeArm();
const slack = new FakeSlackApi();
const hooks = new ResponseUrlServer();
let bot: BotProcess;
let eventSeq = 0;

beforeAll(async () => {
  await Promise.all([arm.start(), slack.start(), hooks.start()]);
  slack.groups.set('SDBAS', [GROUPIE]);
  bot = await startBot(
    'azure-slack',
    botEnv({
      slackApiUrl: slack.url,
      extra: arm.env({ AZURE_ACTIONS_ALLOWED: `${ALLOWED}, SDBAS`, AZURE_FOLLOW_SECONDS: '1', AZURE_TIMEOUT_SECONDS: '3', ALERT_WEBHOOK_TOKEN: ALERT_TOKEN }),
    }),
  );
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await Promise.all([arm.stop(), slack.stop(), hooks.stop()]);
});

const text = (call: SlackCall): string => JSON.stringify(call.args);
const newCalls = (since: number) => slack.calls.slice(since);

/** Pastes `code` with `db`'s id in a channel; resolves with the card the bot posted and its thread. */
async function paste(db: FakeDatabase, code: string): Promise<{ card: SlackCall; thread: string }> {
  const ts = nextTs();
  const since = slack.calls.length;
  const body = `Backup failed: ${code}\n{ "id": "${db.id}", "properties": { "friendlyName": "${db.database}" } }`;
  expect(await bot.deliver(messageEvent({ eventId: `Ev${++eventSeq}`, text: body, ts }))).toBe(200);
  await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === ts));
  const card = newCalls(since).find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === ts)!;
  return { card, thread: ts };
}

function button(card: SlackCall, label: string) {
  const found = buttonsOf(card.args['blocks']).find((b) => b.text === label);
  if (!found) throw new Error(`no "${label}" button in ${buttonsOf(card.args['blocks']).map((b) => b.text).join(', ')}`);
  return found;
}

async function press(card: SlackCall, thread: string, label: string, user: string): Promise<string> {
  const b = button(card, label);
  const url = hooks.url();
  const message = { ts: String(card.posted), thread_ts: thread, blocks: card.args['blocks'] as never };
  expect(await bot.deliver(blockActions({ message, actionId: b.action_id, value: b.value ?? '', responseUrl: url, user }))).toBe(200);
  return url;
}

/** Submits a confirmation modal the bot opened. */
async function submit(view: Record<string, unknown>, user: string, days: string, viewId = `V${Math.random().toString(36).slice(2, 10)}`): Promise<void> {
  expect(await bot.deliver(viewSubmission({ view, user, days, viewId }))).toBe(200);
}

async function openedModal(since: number): Promise<Record<string, unknown>> {
  await slack.waitFor(() => newCalls(since).some((c) => c.method === 'views.open'));
  const call = newCalls(since).find((c) => c.method === 'views.open')!;
  const view = call.args['view'];
  return (typeof view === 'string' ? JSON.parse(view) : view) as Record<string, unknown>;
}

const auditLines = () => bot.logs.filter((l) => l['audit'] === 'azure-action');

describe('acting on Azure from a Slack card', () => {
  it('offers Recent jobs and Run full backup on a pasted failure whose fix is a full backup, and lists the jobs for anyone', async () => {
    const db = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm-01', database: 'SalesDB' });
    arm.addJob(db, 'job-old', { operation: 'Backup (Log)', status: 'Failed', startTime: new Date(Date.now() - 3_600_000).toISOString(), duration: 'PT2M', errorDetails: [{ errorCode: 400, errorTitle: 'UserErrorParentFullBackupMissing', errorString: 'Parent full missing' }] });
    arm.addJob(db, 'job-new', { operation: 'Backup (Full)', status: 'Completed', startTime: new Date(Date.now() - 600_000).toISOString(), duration: 'PT5M' });
    const { card, thread } = await paste(db, 'UserErrorParentFullBackupMissing');
    expect(buttonsOf(card.args['blocks']).map((b) => b.text)).toEqual(expect.arrayContaining(['Recent jobs', 'Run full backup now…']));
    expect(text(card)).toContain('needs permission');

    const since = slack.calls.length;
    await press(card, thread, 'Recent jobs', STRANGER);
    await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.postMessage' && text(c).includes('Recent jobs of SalesDB')));
    const jobs = text(newCalls(since).find((c) => text(c).includes('Recent jobs of SalesDB'))!);
    expect(jobs.indexOf('Backup (Full)')).toBeLessThan(jobs.indexOf('Backup (Log)'));
    expect(jobs).toContain('UserErrorParentFullBackupMissing');
    const read = arm.requestsTo('jobs').at(-1)!;
    expect(read.authorization).toBe(`Bearer ${arm.token}`);
    expect(read.path.toLowerCase()).toContain('/vaults/vault-prod/backupjobs');
    expect(arm.violations).toEqual([]);
  });

  it('finds a database by vault and name for `/sqlbackup jobs`, and says when nothing matches', async () => {
    const db = arm.addDatabase({ vault: 'vault-lookup', vm: 'sqlvm-07', database: 'Catalogue' });
    arm.addJob(db, 'job-cat-1', { operation: 'Backup (Full)', status: 'Completed', startTime: new Date(Date.now() - 7_200_000).toISOString(), duration: 'PT9M' });
    const found = hooks.url();
    expect(await bot.deliver(slashCommand({ text: 'jobs vault-lookup catalogue', responseUrl: found }))).toBe(200);
    const [answer] = await hooks.waitFor(found);
    expect(JSON.stringify(answer!.body)).toContain('Recent jobs of Catalogue in vault-lookup');
    expect(JSON.stringify(answer!.body)).toContain('Backup (Full)');
    const missing = hooks.url();
    expect(await bot.deliver(slashCommand({ text: 'jobs vault-lookup NoSuchDb', responseUrl: missing }))).toBe(200);
    expect(JSON.stringify((await hooks.waitFor(missing))[0]!.body)).toContain('found no protected SQL database named NoSuchDb');
    const help = hooks.url();
    expect(await bot.deliver(slashCommand({ text: 'help', responseUrl: help }))).toBe(200);
    expect(JSON.stringify((await hooks.waitFor(help))[0]!.body)).toContain('/sqlbackup jobs');
  });

  it('refuses a backup privately to someone not allowed, sends nothing to Azure, and audits the refusal', async () => {
    const db = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm-02', database: 'Payroll' });
    const { card, thread } = await paste(db, 'UserErrorParentFullBackupMissing');
    const since = slack.calls.length;
    const url = await press(card, thread, 'Run full backup now…', STRANGER);
    const [hook] = await hooks.waitFor(url);
    expect(JSON.stringify(hook!.body)).toContain('AZURE_ACTIONS_ALLOWED');
    expect(JSON.stringify(hook!.body)).toContain('ephemeral');
    expect(newCalls(since).some((c) => c.method === 'views.open')).toBe(false);
    expect(arm.requestsTo('trigger')).toHaveLength(0);
    expect(await until(() => auditLines().some((l) => l['who'] === STRANGER), 5_000)).toBe(true);
    expect(auditLines().find((l) => l['who'] === STRANGER)).toMatchObject({ action: 'full-backup', result: { ok: false, reason: 'not-allowed' }, target: db.id });
  });

  it('asks first, then starts a confirmed full backup once, follows the job to completion, and audits it', async () => {
    const db = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm-03', database: 'Orders' });
    arm.scriptBackup(db, { jobId: 'job-orders-1', inProgressPolls: 1 });
    arm.scriptJob(db, 'job-orders-1', [{ status: 'InProgress' }, { status: 'Completed', duration: 'PT4M' }]);
    const { card, thread } = await paste(db, 'UserErrorParentFullBackupMissing');
    const since = slack.calls.length;
    await press(card, thread, 'Run full backup now…', ALLOWED);
    const view = await openedModal(since);
    expect(view['callback_id']).toBe(CONFIRM_CALLBACK);
    expect(JSON.stringify(view)).toContain('Orders');
    expect(JSON.stringify(view)).toContain('"initial_value":"45"');
    // Nothing is sent to Azure before the confirmation.
    expect(arm.requestsTo('trigger')).toHaveLength(0);

    const started = Date.now();
    await submit(view, ALLOWED, '7', 'VORDERS1');
    await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.update' && text(c).includes('Full backup of Orders: completed')), 20_000);
    const [trigger] = arm.requestsTo('trigger');
    expect(trigger!.authorization).toBe(`Bearer ${arm.token}`);
    const expiry = Date.parse((JSON.parse(trigger!.body) as { properties: { recoveryPointExpiryTimeInUTC: string } }).properties.recoveryPointExpiryTimeInUTC);
    expect(Math.abs(expiry - (started + 7 * 86_400_000))).toBeLessThan(60_000);
    const runCard = newCalls(since).find((c) => c.method === 'chat.postMessage' && text(c).includes('Full backup of Orders'))!;
    expect(runCard.args['thread_ts']).toBe(thread);
    expect(text(runCard)).toContain(`<@${ALLOWED}>`);
    expect(text(runCard)).toContain('job-orders-1');
    const told = newCalls(since).find((c) => c.method === 'chat.postEphemeral' && text(c).includes('Started a full backup of Orders'));
    expect(told?.args['user']).toBe(ALLOWED);
    expect(auditLines().find((l) => l['action'] === 'full-backup' && l['target'] === db.id && (l['result'] as { ok: boolean }).ok)).toMatchObject({
      who: ALLOWED,
      platform: 'slack',
      result: { ok: true, jobId: 'job-orders-1' },
    });

    // The same submission again (Slack retried it, or it reached a second replica), and the
    // same confirmation from a replayed view: still one backup.
    await submit(view, ALLOWED, '7', 'VORDERS1');
    await submit(view, ALLOWED, '7', 'VORDERS2');
    await slack.waitFor(() => newCalls(since).some((c) => text(c).includes('already used')));
    expect(arm.requestsTo('trigger')).toHaveLength(1);
    expect(arm.violations).toEqual([]);
  }, 40_000);

  it('lets a member of an allowed user group start a backup, and a failed job is answered from the catalog in the thread', async () => {
    const db = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm-04', database: 'Ledger' });
    arm.scriptBackup(db, { jobId: 'job-ledger-1' });
    arm.scriptJob(db, 'job-ledger-1', [{ status: 'Failed', duration: 'PT1M', errorDetails: [{ errorCode: 59, errorTitle: 'UserErrorSQLNoSysadminMembership', errorString: 'NT Service\\AzureWLBackupPluginSvc is not sysadmin.' }] }]);
    const { card, thread } = await paste(db, 'UserErrorParentFullBackupMissing');
    const since = slack.calls.length;
    await press(card, thread, 'Run full backup now…', GROUPIE);
    await submit(await openedModal(since), GROUPIE, '30');
    await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.update' && text(c).includes('Full backup of Ledger: failed')), 20_000);
    await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === thread && text(c).includes('sysadmin') && !text(c).includes('Full backup of')));
    expect(slack.calls.some((c) => c.method === 'usergroups.users.list' && c.args['usergroup'] === 'SDBAS')).toBe(true);
  }, 40_000);

  it('says a job is already running instead of starting a second one', async () => {
    const db = arm.addDatabase({ vault: 'vault-prod', vm: 'sqlvm-05', database: 'Busy' });
    arm.addJob(db, 'job-busy', { operation: 'Backup (Log)', status: 'InProgress', startTime: new Date(Date.now() - 60_000).toISOString() });
    arm.scriptBackup(db, { jobId: 'job-never' });
    const { card, thread } = await paste(db, 'UserErrorParentFullBackupMissing');
    const since = slack.calls.length;
    await press(card, thread, 'Run full backup now…', ALLOWED);
    await submit(await openedModal(since), ALLOWED, '30');
    await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.postEphemeral' && text(c).includes('already running on Busy')));
    expect(arm.requestsTo('trigger').filter((r) => r.path.includes('Busy'))).toHaveLength(0);
  });

  it.each([
    ['403', { kind: 'forbidden' } as const, 'Backup Operator'],
    ['429', { kind: 'throttle', retryAfter: 7 } as const, 'throttling'],
    ['a hang', { kind: 'hang' } as const, 'did not answer in time'],
  ])('turns %s from Azure into a clear private message', async (_name, fault, words) => {
    const db = arm.addDatabase({ vault: 'vault-prod', vm: `sqlvm-f${Math.random().toString(36).slice(2, 6)}`, database: 'Faulty' });
    arm.scriptBackup(db, { jobId: 'job-faulty' });
    const { card, thread } = await paste(db, 'UserErrorParentFullBackupMissing');
    const since = slack.calls.length;
    await press(card, thread, 'Run full backup now…', ALLOWED);
    const view = await openedModal(since);
    arm.fault('trigger', fault);
    try {
      await submit(view, ALLOWED, '30');
      // Privately when Azure answers within the press's time; past it, in the thread.
      await slack.waitFor(() => newCalls(since).some((c) => /^chat\.post(Ephemeral|Message)$/.test(c.method) && text(c).includes(words)), 30_000);
    } finally {
      arm.clearFaults();
    }
    expect(newCalls(since).some((c) => text(c).includes('Full backup of Faulty: running'))).toBe(false);
  }, 45_000);

  it('sets the Azure alert state on Acknowledge and Close, for allowed users only', async () => {
    const db = arm.addDatabase({ vault: 'vault-alerts', vm: 'sqlvm-09', database: 'Billing' });
    const subscribed = hooks.url();
    expect(await bot.deliver(slashCommand({ text: 'alerts here', responseUrl: subscribed, channel: 'C0ALERTS' }))).toBe(200);
    await hooks.waitFor(subscribed);
    const { body: alert, alertId } = alertFor(arm, db);
    const since = slack.calls.length;
    const sent = await fetch(`${bot.base}/alerts/azure-monitor?token=${ALERT_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alert) });
    expect(sent.status).toBe(202);
    await slack.waitFor(() => newCalls(since).some((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C0ALERTS' && text(c).includes('Acknowledge')));
    const root = newCalls(since).find((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C0ALERTS' && text(c).includes('Acknowledge'))!;
    expect(buttonsOf(root.args['blocks']).map((b) => b.text)).toEqual(expect.arrayContaining(['Acknowledge', 'Close', 'Recent jobs', 'Run full backup now…']));

    const refused = await pressAlert(root, 'Acknowledge', STRANGER);
    expect(JSON.stringify((await hooks.waitFor(refused))[0]!.body)).toContain('AZURE_ACTIONS_ALLOWED');
    expect(arm.alertStates.get(alertId)).toBeUndefined();

    const acked = await pressAlert(root, 'Acknowledge', ALLOWED);
    const [redrawn] = await hooks.waitFor(acked);
    expect(JSON.stringify(redrawn!.body)).toContain('Acknowledged by');
    expect(arm.alertStates.get(alertId)).toEqual(['Acknowledged']);
    const closed = await pressAlert(root, 'Close', ALLOWED);
    expect(JSON.stringify((await hooks.waitFor(closed))[0]!.body)).toContain('Closed by');
    expect(arm.alertStates.get(alertId)).toEqual(['Acknowledged', 'Closed']);
    await slack.waitFor(() => slack.calls.some((c) => c.method === 'chat.postMessage' && text(c).includes('closed the alert in Azure')));
    expect(arm.violations).toEqual([]);
  }, 30_000);
});

async function pressAlert(root: SlackCall, label: string, user: string): Promise<string> {
  const b = button(root, label);
  const url = hooks.url();
  const message = { ts: String(root.posted), blocks: root.args['blocks'] as never };
  expect(await bot.deliver(blockActions({ message, actionId: b.action_id, value: b.value ?? '', responseUrl: url, user, channel: 'C0ALERTS' }))).toBe(200);
  return url;
}
