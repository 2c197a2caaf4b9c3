import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeArm, type FakeDatabase } from '../../testkit/fake-arm.ts';
import { BOT, CHANNEL, message, nextId, TENANT, USER } from '../teams/activities.ts';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.ts';
import { nodesOf, validateCard } from '../teams/validate-card.ts';
import { alertFor } from './alert-for.ts';

/**
 * Acting on Azure from a Teams card, end to end: Bot Framework activities and invokes into a
 * real bot process's /api/messages, the ARM stand-in over HTTPS, the connector stand-in
 * recording what the bot posted. The buttons that change Azure open a dialog (task module),
 * which only the presser sees.
 */

const STRANGER = { id: '29:user-2', name: 'Sam Stranger', aadObjectId: '00000000-0000-0000-0000-0000000000bb' };

const ALERT_TOKEN = '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071';
const arm = new FakeArm();
let connector: FakeConnector;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  await arm.start();
  bot = await startBot('azure-teams', {
    LOG_LEVEL: 'info',
    DOTENV_CONFIG_QUIET: 'true',
    STORE: 'memory',
    PLAYGROUND: 'off',
    ...arm.env({ AZURE_ACTIONS_ALLOWED: USER.aadObjectId, AZURE_FOLLOW_SECONDS: '1', AZURE_TIMEOUT_SECONDS: '4', ALERT_WEBHOOK_TOKEN: ALERT_TOKEN }),
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await arm.stop();
  await connector.close();
});

async function post(activity: Partial<Activity>): Promise<Response> {
  return fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
}

/** Mentions the bot in a channel with `code` and `db`'s id; resolves with the card's actions and the reply chain root. */
async function paste(db: FakeDatabase, code: string): Promise<{ root: string; cardId: string; actions: Record<string, unknown>[] }> {
  const activity = message(`${code} on ${db.id}`, { scope: 'channel', mention: true, serviceUrl: connector.serviceUrl });
  expect((await post(activity)).status).toBe(200);
  const reply = connector.calls.find((c) => c.activityId === activity.id && c.method === 'POST');
  const card = (reply?.body['attachments'] as { content: unknown }[] | undefined)?.[0]?.content;
  expect(validateCard(card)).toEqual([]);
  return { root: activity.id!, cardId: 'sent-reply', actions: nodesOf(card).filter((n) => n['type'] === 'Action.Submit') };
}

function invoke(name: 'task/fetch' | 'task/submit', data: unknown, root: string, from = USER): Partial<Activity> {
  return {
    type: 'invoke',
    name,
    id: nextId(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=${root}`, conversationType: 'channel', tenantId: TENANT, isGroup: true, name: '' },
    replyToId: root,
    value: { data, context: { theme: 'default' } },
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } },
  };
}

async function task(activity: Partial<Activity>): Promise<{ type: string; value: unknown }> {
  const res = await post(activity);
  expect(res.status).toBe(200);
  return ((await res.json()) as { task: { type: string; value: unknown } }).task;
}

const titled = (actions: Record<string, unknown>[], title: string) => {
  const found = actions.find((a) => a['title'] === title);
  if (!found) throw new Error(`no "${title}" in ${actions.map((a) => String(a['title'])).join(', ')}`);
  return found['data'] as Record<string, unknown>;
};

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('acting on Azure from a Teams card', () => {
  it('opens a confirmation dialog for an allowed user, starts one backup on Start, and follows it in the reply chain', async () => {
    const db = arm.addDatabase({ vault: 'vault-teams', vm: 'sqlvm-t1', database: 'Inventory' });
    arm.scriptBackup(db, { jobId: 'job-inv-1' });
    arm.scriptJob(db, 'job-inv-1', [{ status: 'InProgress' }, { status: 'Completed', duration: 'PT3M' }]);
    const { root, actions } = await paste(db, 'UserErrorParentFullBackupMissing');
    const run = titled(actions, 'Run full backup now…');
    expect(run['msteams']).toEqual({ type: 'task/fetch' });
    expect(actions.map((a) => a['title'])).toContain('Recent jobs');

    const dialog = await task(invoke('task/fetch', run, root));
    expect(dialog.type).toBe('continue');
    const card = (dialog.value as { card: { content: unknown } }).card.content;
    expect(validateCard(card)).toEqual([]);
    expect(nodesOf(card).find((n) => n['type'] === 'Input.Number')).toMatchObject({ id: 'days', value: 45 });
    expect(JSON.stringify(card)).toContain('Inventory');
    expect(arm.requestsTo('trigger')).toHaveLength(0);

    const start = titled(nodesOf(card).filter((n) => n['type'] === 'Action.Submit'), 'Start backup');
    const done = await task(invoke('task/submit', { ...start, days: '14' }, root));
    expect(done).toMatchObject({ type: 'message' });
    expect(String(done.value)).toContain('Started a full backup of Inventory');
    expect(arm.requestsTo('trigger')).toHaveLength(1);

    await waitFor(() => connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('Full backup of Inventory: completed')));
    const runCard = connector.calls.find((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Full backup of Inventory'))!;
    expect(runCard.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(JSON.stringify(runCard.body)).toContain(USER.name);

    // Start pressed again in the same dialog: still one backup.
    const again = await task(invoke('task/submit', { ...start, days: '14' }, root));
    expect(String(again.value)).toContain('already used');
    expect(arm.requestsTo('trigger')).toHaveLength(1);
    expect(arm.violations).toEqual([]);
  }, 40_000);

  it('starts nothing on a hand-made Start, on Cancel, or on a second press while the first start is fresh', async () => {
    const db = arm.addDatabase({ vault: 'vault-teams', vm: 'sqlvm-t4', database: 'Forged' });
    arm.scriptBackup(db, { jobId: 'job-forged-1' });
    arm.scriptJob(db, 'job-forged-1', [{ status: 'InProgress' }]);
    const { root, actions } = await paste(db, 'UserErrorParentFullBackupMissing');
    const run = titled(actions, 'Run full backup now…');
    const ref = (run['sqlbackup'] as { ref: string }).ref;
    const forged = await task(invoke('task/submit', { sqlbackup: { kind: 'azure', op: 'confirm', ref, nonce: '0123456789abcdef' }, days: '1' }, root));
    expect(String(forged.value)).toContain('not one I showed you');

    const dialog = await task(invoke('task/fetch', run, root));
    const buttons = nodesOf((dialog.value as { card: { content: unknown } }).card.content).filter((n) => n['type'] === 'Action.Submit');
    const cancelled = await task(invoke('task/submit', titled(buttons, 'Cancel'), root));
    expect(String(cancelled.value)).toContain('Cancelled');
    // The cancelled confirmation is spent: its Start does nothing either.
    expect(String((await task(invoke('task/submit', { ...titled(buttons, 'Start backup'), days: '45' }, root))).value)).toContain('not one I showed you');
    expect(arm.requestsTo('trigger').filter((r) => r.path.includes('Forged'))).toHaveLength(0);

    // Two dialogs opened one after the other: the first Start starts, the second is told.
    const first = nodesOf((((await task(invoke('task/fetch', run, root))).value) as { card: { content: unknown } }).card.content).filter((n) => n['type'] === 'Action.Submit');
    const second = nodesOf((((await task(invoke('task/fetch', run, root))).value) as { card: { content: unknown } }).card.content).filter((n) => n['type'] === 'Action.Submit');
    expect(String((await task(invoke('task/submit', { ...titled(first, 'Start backup'), days: '45' }, root))).value)).toContain('Started a full backup of Forged');
    expect(String((await task(invoke('task/submit', { ...titled(second, 'Start backup'), days: '45' }, root))).value)).toContain('less than two minutes ago');
    expect(arm.requestsTo('trigger').filter((r) => r.path.includes('Forged'))).toHaveLength(1);
  }, 30_000);

  it('answers the dialog at once when Azure hangs, and tells the thread what happened', async () => {
    const db = arm.addDatabase({ vault: 'vault-teams', vm: 'sqlvm-t5', database: 'Slow' });
    arm.scriptBackup(db, { jobId: 'job-slow-1' });
    const { root, actions } = await paste(db, 'UserErrorParentFullBackupMissing');
    const dialog = await task(invoke('task/fetch', titled(actions, 'Run full backup now…'), root));
    const start = titled(nodesOf((dialog.value as { card: { content: unknown } }).card.content).filter((n) => n['type'] === 'Action.Submit'), 'Start backup');
    arm.fault('trigger', { kind: 'hang' });
    try {
      const began = Date.now();
      const answer = await task(invoke('task/submit', { ...start, days: '45' }, root));
      expect(Date.now() - began).toBeLessThan(4_000);
      expect(String(answer.value)).toContain('taking its time');
      await waitFor(() => connector.calls.some((c) => c.method === 'POST' && c.conversationId === `${CHANNEL};messageid=${root}` && JSON.stringify(c.body).includes('Full backup of Slow not started')), 60_000);
    } finally {
      arm.clearFaults();
    }
  }, 90_000);

  it('refuses someone not allowed inside the dialog, and sends nothing to Azure', async () => {
    const db = arm.addDatabase({ vault: 'vault-teams', vm: 'sqlvm-t2', database: 'Returns' });
    arm.scriptBackup(db, { jobId: 'job-ret-1' });
    const { root, actions } = await paste(db, 'UserErrorParentFullBackupMissing');
    const refused = await task(invoke('task/fetch', titled(actions, 'Run full backup now…'), root, STRANGER));
    expect(refused.type).toBe('message');
    expect(String(refused.value)).toContain('AZURE_ACTIONS_ALLOWED');
    expect(arm.requestsTo('trigger').filter((r) => r.path.includes('Returns'))).toHaveLength(0);
  });

  it('lists recent jobs in the reply chain for anyone', async () => {
    const db = arm.addDatabase({ vault: 'vault-teams', vm: 'sqlvm-t3', database: 'Audit' });
    arm.addJob(db, 'job-audit-1', { operation: 'Backup (Differential)', status: 'Completed', startTime: new Date(Date.now() - 900_000).toISOString(), duration: 'PT1M' });
    const { root, actions } = await paste(db, 'UserErrorParentFullBackupMissing');
    const press = message('', { scope: 'channel', root, serviceUrl: connector.serviceUrl });
    delete press.text;
    const activity = { ...press, from: STRANGER, replyToId: root, value: titled(actions, 'Recent jobs') };
    expect((await post(activity)).status).toBe(200);
    await waitFor(() => connector.calls.some((c) => c.activityId === activity.id && JSON.stringify(c.body).includes('Recent jobs of Audit')));
    expect(JSON.stringify(connector.calls.find((c) => c.activityId === activity.id)!.body)).toContain('Backup (Differential)');
  });

  it('acknowledges an alert in Azure from its card through a dialog, and redraws the card in place', async () => {
    const db = arm.addDatabase({ vault: 'vault-teams-alerts', vm: 'sqlvm-t9', database: 'Claims' });
    expect((await post(message('alerts here', { scope: 'channel', mention: true, serviceUrl: connector.serviceUrl }))).status).toBe(200);
    const { body: alert, alertId } = alertFor(arm, db);
    const before = connector.calls.length;
    const sent = await fetch(`${bot.base}/alerts/azure-monitor?token=${ALERT_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alert) });
    expect(sent.status).toBe(202);
    await waitFor(() => connector.calls.slice(before).some((c) => c.method === 'POST' && c.conversationId === CHANNEL && JSON.stringify(c.body).includes('Claims')));
    const root = connector.calls.find((c, i) => i >= before && c.method === 'POST' && c.conversationId === CHANNEL && JSON.stringify(c.body).includes('Claims'))!;
    const rootId = `sent-${connector.calls.slice(0, connector.calls.indexOf(root) + 1).filter((c) => c.method === 'POST').length}`;
    const card = (root.body['attachments'] as { content: unknown }[])[0]!.content;
    expect(validateCard(card)).toEqual([]);
    const buttons = nodesOf(card).filter((n) => n['type'] === 'Action.Submit');
    const ack = titled(buttons, 'Acknowledge');
    expect(ack['msteams']).toEqual({ type: 'task/fetch' });

    const refused = await task(invoke('task/fetch', ack, rootId, STRANGER));
    expect(String(refused.value)).toContain('AZURE_ACTIONS_ALLOWED');
    expect(arm.alertStates.get(alertId)).toBeUndefined();

    const done = await task(invoke('task/fetch', ack, rootId));
    expect(done.type).toBe('message');
    expect(arm.alertStates.get(alertId)).toEqual(['Acknowledged']);
    const redrawn = connector.calls.find((c) => c.method === 'PUT' && c.activityId === rootId);
    expect(JSON.stringify(redrawn?.body)).toContain(`Acknowledged by ${USER.name}`);
    expect(arm.violations).toEqual([]);
  }, 30_000);
});
