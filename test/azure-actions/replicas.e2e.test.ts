import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTwoReplicas } from '../../testkit/bot-process.ts';
import { FakeArm } from '../../testkit/fake-arm.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';
import { blockActions, buttonsOf, viewSubmission } from '../slack/payloads.ts';
import { ResponseUrlServer } from '../slack/response-url.ts';

/**
 * Two replicas behind one Redis: the same confirmation submitted to both (a double click that
 * the load balancer split, or Slack's retry landing elsewhere) starts one backup.
 */

const arm = new FakeArm();
const hooks = new ResponseUrlServer();
beforeAll(async () => {
  await Promise.all([arm.start(), hooks.start()]);
});
const pair = useTwoReplicas(() => arm.env({ AZURE_ACTIONS_ALLOWED: 'UALLOWED1', AZURE_FOLLOW_SECONDS: '1' }));
afterAll(async () => {
  await Promise.all([arm.stop(), hooks.stop()]);
});

describe('a confirmed backup across two replicas', () => {
  it('sends one backup request to Azure when both replicas receive the confirmation', async () => {
    const db = arm.addDatabase({ vault: 'vault-ha', vm: 'sqlvm-ha', database: 'Shared' });
    arm.scriptBackup(db, { jobId: 'job-shared-1' });
    arm.scriptJob(db, 'job-shared-1', [{ status: 'Completed', duration: 'PT2M' }]);
    const { a, b, slack } = pair;
    const ts = nextTs();
    expect(await a.deliver(messageEvent({ eventId: 'EvHA1', text: `UserErrorParentFullBackupMissing ${db.id}`, ts }))).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === ts));
    const card = slack.calls.find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === ts)!;
    const run = buttonsOf(card.args['blocks']).find((x) => x.text === 'Run full backup now…')!;
    const message = { ts: String(card.posted), thread_ts: ts, blocks: card.args['blocks'] as never };
    expect(await b.deliver(blockActions({ message, actionId: run.action_id, value: run.value ?? '', responseUrl: hooks.url(), user: 'UALLOWED1' }))).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const opened = slack.calls.find((c) => c.method === 'views.open')!.args['view'];
    const view = (typeof opened === 'string' ? JSON.parse(opened) : opened) as Record<string, unknown>;
    const submission = (viewId: string) => viewSubmission({ view, user: 'UALLOWED1', days: '45', viewId });
    const statuses = await Promise.all([a.deliver(submission('VHA1')), b.deliver(submission('VHA2'))]);
    expect(statuses).toEqual([200, 200]);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && JSON.stringify(c.args).includes('Full backup of Shared: completed')), 20_000);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postEphemeral' && JSON.stringify(c.args).includes('already used')));
    expect(arm.requestsTo('trigger')).toHaveLength(1);
    expect(arm.violations).toEqual([]);
  }, 40_000);
});
