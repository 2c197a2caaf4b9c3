import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, message, submit, USER } from '../teams/activities.ts';
import { nodesOf, validateCard } from '../teams/validate-card.ts';
import { blockActions, buttonsOf, slashCommand } from '../slack/payloads.ts';
import { messageEvent } from '../../testkit/slack-events.ts';
import type { SlackCall } from '../../testkit/fake-slack-api.ts';
import type { ConnectorCall } from '../teams/fake-connector.ts';
import { utc } from '../../bot/core/alerts/problem.ts';
import { ALERT_TOKEN, another, fixture, startAlertBot, type AlertBot } from './harness.ts';

/**
 * Azure Monitor alerts end to end: fixtures POSTed to the real webhook, cards caught by the
 * stand-in Slack Web API and the recording Bot Framework connector.
 */

const HOUR = 3_600_000;
let bot: AlertBot;
let channelSeq = 0;
let slackChannel = '';

const blocksText = (call: SlackCall | undefined): string => JSON.stringify(call?.args['blocks'] ?? []);
const rootsIn = (channel: string): SlackCall[] => bot.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel && c.args['thread_ts'] === undefined);
const linesIn = (channel: string, ts: string): SlackCall[] => bot.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel && c.args['thread_ts'] === ts);
const updatesIn = (channel: string): SlackCall[] => bot.slack.calls.filter((c) => c.method === 'chat.update' && c.args['channel'] === channel);
const cardOf = (call: ConnectorCall | undefined): Record<string, unknown> => {
  const attachments = call?.body['attachments'] as { content: Record<string, unknown> }[] | undefined;
  const card = attachments?.[0]?.content ?? {};
  expect(validateCard(card)).toEqual([]);
  return card;
};
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const cardText = (card: unknown): string => nodesOf(card).map((n) => textOf(n.text) || textOf(n.title) || textOf(n.value)).join('\n');

async function subscribeSlack(channel: string, args = ''): Promise<string> {
  const hook = bot.hooks.url();
  expect(await bot.slackSend(slashCommand({ text: `alerts here ${args}`.trim(), responseUrl: hook, channel }))).toBe(200);
  const [reply] = await bot.hooks.waitFor(hook);
  return textOf(reply?.body['text']);
}

async function fire(body: unknown): Promise<void> {
  const res = await bot.sendAlert(body);
  expect(res.status).toBe(202);
  await bot.settle();
}

beforeAll(async () => {
  bot = await startAlertBot();
});
afterAll(async () => {
  await bot.stop();
});
beforeEach(() => {
  slackChannel = `C0ALERT${++channelSeq}`;
});

describe('Azure Monitor alerts into Slack and Teams', () => {
  it('posts the diagnosis card with the alert facts into every subscribed conversation, Teams proactively', async () => {
    expect(await subscribeSlack(slackChannel)).toMatch(/alerts now come here: every Azure Backup alert/);
    expect(await bot.teamsSend(message('alerts here', { scope: 'channel', mention: true }))).toBe(200);

    await fire(fixture('backup-failure'));

    const [root] = rootsIn(slackChannel);
    const text = blocksText(root);
    expect(text).toContain('Backup Failure · SalesDB');
    for (const fact of ['MSSQLSERVER', 'sqlvm-prod-01', 'rsv-prod-weu', 'Sev1', '2026-03-13 11:56 UTC', 'Trigger a full backup first', 'Investigate in Azure', 'Acknowledge', 'Mute 8 h']) {
      expect(text).toContain(fact);
    }
    // The catalog's diagnosis, as a paste gets it, with its Helpful / Not helpful buttons.
    expect(text).toContain('UserErrorParentFullBackupMissing');
    expect(buttonsOf(root?.args['blocks']).map((b) => b.text)).toEqual(expect.arrayContaining(['Helpful', 'Not helpful']));

    // Teams: a new post in the channel (no reply chain), through the proactive API.
    const teamsRoot = bot.connector.calls.find((c) => c.method === 'POST' && c.conversationId === CHANNEL);
    const card = cardOf(teamsRoot);
    expect(cardText(card)).toMatch(/Backup Failure · SalesDB[\s\S]*UserErrorParentFullBackupMissing/);
    expect(nodesOf(card).filter((n) => n.type === 'Action.Submit').map((n) => n.title)).toEqual(expect.arrayContaining(['Acknowledge', 'Mute 24 h', 'Helpful']));
  });

  it.each([
    ['restore-failure', 'Restore Failure · FinanceDB', 'UserErrorCannotRestoreExistingDBWithoutForceOverwrite'],
    ['unsupported-backup-type', 'Unsupported backup type · master', 'UserErrorSQLPODoesNotSupportBackupType'],
    ['workload-extension-unhealthy', 'Workload extension unhealthy · HRDB', 'UserErrorWorkloadExtensionNotInstalled'],
  ])('%s: the entry of its code', async (name, title, entry) => {
    await subscribeSlack(slackChannel);
    await fire(fixture(name));
    const text = blocksText(rootsIn(slackChannel)[0]);
    expect(text).toContain(title);
    expect(text).toContain(entry);
  });

  it('a code not in the catalog: Azure\'s own message and recommended action, and the nearest entries', async () => {
    await subscribeSlack(slackChannel);
    await fire(fixture('unknown-code'));
    const text = blocksText(rootsIn(slackChannel)[0]);
    expect(text).toContain('usererrorsnapshotmetadataunreadable');
    expect(text).toContain('could not read the database snapshot metadata');
    expect(text).toContain('Check that the storage pool is healthy');
    expect(buttonsOf(rootsIn(slackChannel)[0]?.args['blocks']).filter((b) => b.action_id.startsWith('sqlbackup:pick')).length).toBeGreaterThan(0);
  });

  it('an Azure VM backup alert: a plain card with Azure\'s facts and no SQL diagnosis', async () => {
    await subscribeSlack(slackChannel);
    await fire(fixture('azure-vm-backup'));
    const text = blocksText(rootsIn(slackChannel)[0]);
    expect(text).toContain('webvm-01');
    expect(text).toContain('VM agent');
    expect(text).not.toMatch(/sqlbackup:feedback|sqlbackup:pick/);
  });

  it('an alert of another service: 202, nothing posted, one log line', async () => {
    await subscribeSlack(slackChannel);
    const before = bot.slack.calls.length;
    const res = await bot.sendAlert(fixture('other-service'));
    expect(res).toEqual({ status: 202, json: { status: 'ignored' } });
    await bot.settle();
    expect(bot.slack.calls.length).toBe(before);
    expect(bot.logs.lines.filter((l) => l['msg'] === 'alerts: not an Azure Backup alert; nothing posted')).toHaveLength(1);
  });

  it('repeats update the root in place and say so in the thread at most once an hour; a retried delivery changes nothing', async () => {
    await subscribeSlack(slackChannel, 'vault=rsv-prod-weu');
    await fire(another('backup-failure', 1, bot.at()));
    const rootTs = rootTsOf(slackChannel);

    bot.advance(2 * HOUR);
    const second = bot.at();
    await fire(another('backup-failure', 2, second));
    // The same alert delivered again (an action group retry): 202, no post, no count.
    expect((await bot.sendAlert(another('backup-failure', 2, second))).json).toEqual({ status: 'duplicate' });
    bot.advance(10 * 60_000);
    const third = bot.at();
    await fire(another('backup-failure', 3, third));
    await bot.settle();

    expect(rootsIn(slackChannel)).toHaveLength(1);
    const updates = updatesIn(slackChannel);
    expect(updates).toHaveLength(2);
    expect(updates.every((u) => u.args['ts'] === rootTs)).toBe(true);
    expect(blocksText(updates[1])).toContain(`3, last at ${utc(third)}`);
    const lines = linesIn(slackChannel, rootTs).map((c) => String(c.args['text']));
    expect(lines).toEqual([`Failed again at ${utc(second)}, 2nd time.`]);
  });

  it('Resolved closes the problem: the root says so, the thread says so, and a later failure opens a new root', async () => {
    await subscribeSlack(slackChannel);
    const fired = another('backup-failure', 10, bot.at());
    await fire(fired);
    const rootTs = rootTsOf(slackChannel);
    const resolved = structuredClone(fired) as { data: { essentials: Record<string, unknown> } };
    resolved.data.essentials['monitorCondition'] = 'Resolved';
    resolved.data.essentials['resolvedDateTime'] = bot.at(HOUR);
    await fire(resolved);
    expect(blocksText(updatesIn(slackChannel)[0])).toContain(`Resolved by Azure at ${utc(bot.at(HOUR))}`);
    expect(buttonsOf(updatesIn(slackChannel)[0]?.args['blocks']).map((b) => b.text)).not.toContain('Acknowledge');
    expect(linesIn(slackChannel, rootTs).map((c) => String(c.args['text']))).toEqual([expect.stringMatching(/^Resolved by Azure/)]);
    await fire(another('backup-failure', 11, bot.at(2 * HOUR)));
    expect(rootsIn(slackChannel)).toHaveLength(2);
  });

  it('a problem with no new failure for the quiet period closes, and the next failure opens a new root', async () => {
    await subscribeSlack(slackChannel);
    await fire(another('restore-failure', 20, bot.at()));
    bot.advance(49 * HOUR);
    await bot.alerts.desk.sweep();
    expect(blocksText(updatesIn(slackChannel)[0])).toContain('Resolved after a quiet period');
    await fire(another('restore-failure', 21, bot.at()));
    expect(rootsIn(slackChannel)).toHaveLength(2);
  });

  it('a follow-up in the alert thread is answered in the context of the alert\'s entry', async () => {
    await subscribeSlack(slackChannel);
    await fire(another('backup-failure', 30, bot.at()));
    const rootTs = rootTsOf(slackChannel);
    expect(await bot.slackSend(messageEvent({ eventId: `EvFollow${channelSeq}`, channel: slackChannel, threadTs: rootTs, text: 'how do I fix it?' }), 'application/json')).toBe(200);
    await bot.slack.waitFor(() => linesIn(slackChannel, rootTs).length > 0);
    const answer = blocksText(linesIn(slackChannel, rootTs)[0]);
    expect(answer).toContain('How to fix it');
    expect(answer).toContain('UserErrorParentFullBackupMissing');
    // The alert names the database and the vault: the commands of the answer use them.
    await bot.slackSend(messageEvent({ eventId: `EvFollowPs${channelSeq}`, channel: slackChannel, threadTs: rootTs, text: 'powershell?' }), 'application/json');
    await bot.slack.waitFor(() => linesIn(slackChannel, rootTs).length > 1);
    const ps = blocksText(linesIn(slackChannel, rootTs)[1]);
    expect(ps).toContain('Backup-AzRecoveryServicesBackupItem');
    expect(ps).toContain("'rsv-prod-weu'");
    expect(ps).toMatch(/database = SalesDB/);
  });

  it('Acknowledge and Mute redraw the card with who and until when; `open` lists the problem with its thread', async () => {
    await subscribeSlack(slackChannel);
    const firedAt = bot.at();
    await fire(another('backup-failure', 40, firedAt));
    const root = rootsIn(slackChannel)[0]!;
    const rootTs = rootTsOf(slackChannel);
    const press = async (label: string) => {
      const button = buttonsOf(root.args['blocks']).find((b) => b.text === label)!;
      const hook = bot.hooks.url();
      await bot.slackSend(blockActions({ message: { ts: rootTs, blocks: [] }, actionId: button.action_id, value: button.value ?? '', responseUrl: hook, channel: slackChannel, user: 'U0ONCALL' }));
      return (await bot.hooks.waitFor(hook))[0]!.body;
    };
    const acked = await press('Acknowledge');
    expect(acked['replace_original']).toBe(true);
    expect(JSON.stringify(acked['blocks'])).toMatch(/Acknowledged by <@U0ONCALL> at/);
    const muted = await press('Mute 8 h');
    expect(JSON.stringify(muted['blocks'])).toContain(`Muted by <@U0ONCALL> until ${utc(bot.at(8 * HOUR))}`);
    expect(buttonsOf(muted['blocks']).map((b) => b.text)).toContain('Unmute');

    const hook = bot.hooks.url();
    await bot.slackSend(slashCommand({ text: 'open', responseUrl: hook, channel: slackChannel }));
    const list = String((await bot.hooks.waitFor(hook))[0]!.body['text']);
    expect(list).toContain(`SalesDB on MSSQLSERVER: \`UserErrorParentFullBackupMissing\`, once since ${utc(firedAt)}, acknowledged by U0ONCALL`);
    expect(list).toContain(`https://slack.com/archives/${slackChannel}/p${rootTs.replace('.', '')}`);
  });

  it('Teams: Acknowledge redraws the root card in place; a press forged from another conversation changes nothing', async () => {
    expect(await bot.teamsSend(message('alerts here', { scope: 'channel', mention: true }))).toBe(200);
    await fire(onDatabase(another('restore-failure', 70, bot.at()), 'PayrollDB'));
    const root = bot.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === CHANNEL && JSON.stringify(c.body).includes('PayrollDB')).at(-1)!;
    const rootId = `sent-${bot.connector.calls.slice(0, bot.connector.calls.indexOf(root) + 1).filter((c) => c.method === 'POST').length}`;
    const ack = nodesOf(cardOf(root)).find((n) => n.type === 'Action.Submit' && n.title === 'Acknowledge')!;
    const action = (ack.data as Record<string, unknown>)['sqlbackup'];
    const before = bot.connector.calls.length;
    expect(await bot.teamsSend(submit(action, rootId, { scope: 'groupChat' }))).toBe(200);
    const forged = bot.connector.calls.slice(before);
    expect(forged.some((c) => c.method === 'PUT')).toBe(false);
    expect(JSON.stringify(forged.map((c) => c.body))).toContain('no longer tracked');
    expect(await bot.teamsSend(submit(action, rootId, { scope: 'channel', root: rootId }))).toBe(200);
    const redrawn = bot.connector.calls.find((c) => c.method === 'PUT' && c.activityId === rootId);
    // Teams shows the name it sent with the press, never the Entra object id.
    expect(cardText(cardOf(redrawn))).toMatch(/Acknowledged by Dana DBA at/);
    expect(cardText(cardOf(redrawn))).not.toContain(USER.aadObjectId);
  });

  it('muted: a repeat is counted on the card but not announced in the thread', async () => {
    await subscribeSlack(slackChannel);
    await fire(another('unsupported-backup-type', 50, bot.at()));
    const rootTs = rootTsOf(slackChannel);
    const mute = buttonsOf(rootsIn(slackChannel)[0]!.args['blocks']).find((b) => b.text === 'Mute until resolved')!;
    const hook = bot.hooks.url();
    await bot.slackSend(blockActions({ message: { ts: rootTs, blocks: [] }, actionId: mute.action_id, value: mute.value ?? '', responseUrl: hook, channel: slackChannel }));
    await bot.hooks.waitFor(hook);
    bot.advance(3 * HOUR);
    await fire(another('unsupported-backup-type', 51, bot.at()));
    expect(blocksText(updatesIn(slackChannel).at(-1))).toContain('2, last at');
    expect(linesIn(slackChannel, rootTs)).toHaveLength(0);
  });

  it('`alerts off` stops them: 202, counted, one log line, nothing posted', async () => {
    await subscribeSlack(slackChannel, 'severity=Sev0');
    const before = bot.slack.calls.filter((c) => c.args['channel'] === slackChannel).length;
    await fire(another('backup-failure', 60, bot.at()));
    expect(bot.slack.calls.filter((c) => c.args['channel'] === slackChannel).length).toBe(before);
    const hook = bot.hooks.url();
    await bot.slackSend(slashCommand({ text: 'alerts off', responseUrl: hook, channel: slackChannel }));
    expect(String((await bot.hooks.waitFor(hook))[0]!.body['text'])).toMatch(/No more alerts here/);
  });
});

describe('the webhook refuses what it must, and posts nothing', () => {
  it('401 without or with a wrong token, 400 for a body that is not JSON, 422 for the older schema, 413 above the limit', async () => {
    const posts = bot.slack.posts().length;
    const calls = bot.connector.calls.length;
    expect(await bot.sendAlert(fixture('backup-failure'), { token: null })).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
    expect(await bot.sendAlert(fixture('backup-failure'), { token: `${ALERT_TOKEN}x` })).toMatchObject({ status: 401 });
    expect(await bot.sendAlert(null, { raw: '{"schemaId": ' })).toMatchObject({ status: 400, json: { error: 'invalid_json' } });
    const older = await bot.sendAlert({ schemaId: 'Microsoft.Insights/activityLogs', data: { status: 'Activated', context: {} } });
    expect(older).toMatchObject({ status: 422, json: { error: 'useCommonAlertSchema' } });
    expect(String(older.json['reason'])).toMatch(/useCommonAlertSchema/);
    expect((await bot.sendAlert(null, { raw: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) })).status).toBe(413);
    await bot.settle();
    expect(bot.slack.posts().length).toBe(posts);
    expect(bot.connector.calls.length).toBe(calls);
    // The token is in the URL: no log line may carry it.
    expect(bot.logs.raw.join('\n')).not.toContain(ALERT_TOKEN);
  });

  it('no token setting: the endpoint does not exist', async () => {
    const plain = await startAlertBot({ env: { ALERT_WEBHOOK_TOKEN: '' } });
    try {
      expect((await plain.sendAlert(fixture('backup-failure'))).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });

  it('an alert no conversation subscribed to: 202, counted in /metrics, one log line', async () => {
    const lonely = await startAlertBot();
    try {
      expect((await lonely.sendAlert(fixture('backup-failure'))).status).toBe(202);
      await lonely.settle();
      expect(await (await fetch(`${lonely.base}/metrics`)).text()).toMatch(/sqlbackup_alerts_total\{outcome="unrouted"\} 1/);
      expect(lonely.logs.lines.filter((l) => l['msg'] === 'alert matched no subscription; nothing posted')).toHaveLength(1);
      expect(lonely.slack.posts()).toEqual([]);
    } finally {
      await lonely.stop();
    }
  });
});

/** The alert, about another database of the same instance: a problem of its own. */
function onDatabase(alert: Record<string, unknown>, database: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(alert).replace(/SQLDataBase;MSSQLSERVER;[A-Za-z]+/g, `SQLDataBase;MSSQLSERVER;${database}`)) as Record<string, unknown>;
}

/** The ts the stand-in Slack gave the channel's first root post. */
function rootTsOf(channel: string): string {
  const ts = rootsIn(channel)[0]?.posted;
  expect(ts).toBeDefined();
  return ts!;
}
