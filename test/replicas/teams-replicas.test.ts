import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { connectRedisStore } from '../../bot/store/redis.ts';
import type { Store } from '../../bot/store/store.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { message, nextId } from '../teams/activities.ts';
import { coreDeps } from '../teams/core-deps.ts';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.ts';
import { nodesOf } from '../teams/validate-card.ts';
import { redisAvailability, startRedis, type TestRedis } from '../../testkit/redis-server.ts';

/**
 * The Teams side of the replica proof: two Teams endpoints that share nothing but one real
 * Redis (each its own connection, core and adapter). Teams redelivers activities and a
 * load balancer may send one to either: answered once, and a reply chain continues on
 * whichever replica gets the next message.
 */

const redis = redisAvailability();
const ENTRY = 'UserErrorSQLLSNValidationFailure';

describe.skipIf(!redis.available)('two Teams replicas behind one Redis', () => {
  let server: TestRedis;
  let connector: FakeConnector;
  const replicas: { http: HttpServer; url: string; store: Store }[] = [];

  beforeAll(async () => {
    server = await startRedis();
    connector = await startFakeConnector();
    for (let i = 0; i < 2; i++) {
      const store = await connectRedisStore({ url: server.url, keyPrefix: 'teams-rep:' });
      const http = createHttpServer();
      mountTeams(http.app, { config: { auth: 'none' }, core: { ...coreDeps(), store }, logger: silentLogger() });
      replicas.push({ http, store, url: `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/api/messages` });
    }
  });
  afterAll(async () => {
    for (const r of replicas) {
      await r.http.close();
      await r.store.close();
    }
    await connector.close();
    await server.stop();
  });

  const post = (to: number, activity: unknown) =>
    fetch(replicas[to]?.url ?? '', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then((r) => r.status);
  const text = (body: unknown) => nodesOf(body).map((n) => (typeof n.text === 'string' ? n.text : '')).join(' ');

  it('answers an activity delivered to both replicas once', async () => {
    const activity = message(`${ENTRY}: Log chain is broken.`, { serviceUrl: connector.serviceUrl });
    const before = connector.calls.length;
    expect(await Promise.all([post(0, activity), post(1, activity)])).toEqual([200, 200]);
    expect(connector.calls.slice(before)).toHaveLength(1);
  });

  it('answers a follow-up on replica B in the reply chain replica A started', async () => {
    const facet = loadCatalog().get(ENTRY)?.facets.find((f) => f.topic === 'auto-heal');
    const opening = (facet?.answer ?? '').split(/[.!?]/)[0]?.slice(0, 40) ?? '';
    expect(opening.length).toBeGreaterThan(10);
    const root = nextId();
    const before = connector.calls.length;
    await post(0, message(`${ENTRY}: Log chain is broken.`, { scope: 'channel', mention: true, id: root, serviceUrl: connector.serviceUrl }));
    await post(1, message('will it fix itself?', { scope: 'channel', mention: true, root, serviceUrl: connector.serviceUrl }));
    const [, followUp] = connector.calls.slice(before);
    expect(followUp?.conversationId).toContain(`messageid=${root}`);
    expect(text(followUp?.body)).toContain(opening);

    // The same question in a chain nobody answered does not get that answer: the shared context did it.
    const mark = connector.calls.length;
    await post(1, message('will it fix itself?', { scope: 'channel', mention: true, root: nextId(), serviceUrl: connector.serviceUrl }));
    expect(connector.calls.slice(mark).map((c) => text(c.body)).join(' ')).not.toContain(opening);
  });
});
