import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisStore } from '../../bot/store/redis.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { slashCommand } from '../slack/payloads.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';
import { CHANNEL, message } from '../teams/activities.ts';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.ts';
import { nodesOf } from '../teams/validate-card.ts';
import { another, fixture, startAlertBot, type AlertBot } from './harness.ts';

/**
 * Two replicas that share nothing but one real Redis, behind a load balancer that may hand
 * an alert (or Azure's retry of it) to either: one root per problem, posted once.
 */

const redis = redisAvailability();

describe.skipIf(!redis.available)('alerts on two replicas behind one Redis', () => {
  let server: TestRedis;
  let slack: FakeSlackApi;
  let connector: FakeConnector;
  const replicas: AlertBot[] = [];
  const channel = 'C0REPLICA';

  beforeAll(async () => {
    server = await startRedis();
    slack = await new FakeSlackApi().start();
    connector = await startFakeConnector();
    for (let i = 0; i < 2; i++) {
      const store = await connectRedisStore({ url: server.url, keyPrefix: 'alerts-rep:' });
      replicas.push(await startAlertBot({ store, slack, connector }));
    }
    const hook = replicas[0]!.hooks.url();
    await replicas[0]!.slackSend(slashCommand({ text: 'alerts here', responseUrl: hook, channel }));
    await replicas[0]!.hooks.waitFor(hook);
    // Teams: said on replica B, so A can only post with the reference B kept in Redis.
    expect(await replicas[1]!.teamsSend(message('alerts here', { scope: 'channel', mention: true }))).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await slack.stop();
    await connector.close();
    await server.stop();
  });

  const roots = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel && c.args['thread_ts'] === undefined);
  const settle = () => Promise.all(replicas.map((r) => r.settle()));

  it('posts an alert delivered to both replicas, and retried, once', async () => {
    const alert = fixture('backup-failure');
    const statuses = await Promise.all([replicas[0]!.sendAlert(alert), replicas[1]!.sendAlert(alert), replicas[1]!.sendAlert(alert)]);
    expect(statuses.map((s) => s.status)).toEqual([202, 202, 202]);
    expect(statuses.map((s) => s.json['status']).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    await settle();
    expect(roots()).toHaveLength(1);
    expect(connector.calls.filter((c) => c.method === 'POST' && c.conversationId === CHANNEL)).toHaveLength(1);
  });

  it('two new alerts of one problem at once on the two replicas: one root, updated, counted twice', async () => {
    const before = roots().length;
    const [a, b] = [another('restore-failure', 1, replicas[0]!.at()), another('restore-failure', 2, replicas[0]!.at())];
    await Promise.all([replicas[0]!.sendAlert(a), replicas[1]!.sendAlert(b)]);
    await settle();
    expect(roots().length - before).toBe(1);
    const update = slack.calls.filter((c) => c.method === 'chat.update' && c.args['channel'] === channel).at(-1);
    expect(JSON.stringify(update?.args['blocks'])).toMatch(/Restore Failure[\s\S]*\*Occurrences\*\\n2, last at/);
  });

  it('answers a follow-up said on replica B in the Teams reply chain of a root replica A posted', async () => {
    await replicas[0]!.sendAlert(another('workload-extension-unhealthy', 1, replicas[0]!.at()));
    await settle();
    const root = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === CHANNEL).at(-1);
    expect(JSON.stringify(root?.body)).toContain('UserErrorWorkloadExtensionNotInstalled');
    // The stand-in numbers the messages it is sent (PUTs keep their id).
    const rootId = `sent-${connector.calls.slice(0, connector.calls.indexOf(root!) + 1).filter((c) => c.method === 'POST').length}`;
    const before = connector.calls.length;
    expect(await replicas[1]!.teamsSend(message('how do I fix it?', { scope: 'channel', mention: true, root: rootId }))).toBe(200);
    const answer = connector.calls.slice(before).find((c) => c.conversationId === `${CHANNEL};messageid=${rootId}`);
    const text = nodesOf(answer?.body).map((n) => (typeof n.text === 'string' ? n.text : '')).join(' ');
    expect(text).toMatch(/How to fix it/);
    expect(text).toContain('UserErrorWorkloadExtensionNotInstalled');
  });
});
