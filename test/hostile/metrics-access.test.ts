import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { isDirectLoopback } from '../../bot/ops/metrics-access.ts';
import { createMetrics } from '../../bot/ops/metrics.ts';
import { opsRoutes } from '../../bot/ops/ops-routes.ts';
import { botEnv, startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';

/** /metrics names the errors a company's backups fail on: not for everyone who reaches the port. */

describe('/metrics without METRICS_TOKEN', () => {
  let server: HttpServer;
  let base: string;
  beforeAll(async () => {
    server = createHttpServer();
    server.app.use(opsRoutes({ metrics: createMetrics({ defaultMetrics: false }), checks: {} }));
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  it('serves a scraper on this machine, and refuses a request relayed by a reverse proxy on this machine', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    for (const header of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }]) {
      const res = await fetch(`${base}/metrics`, { headers: header });
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/"error":"metrics are served to loopback only; set METRICS_TOKEN/);
    }
    // Health stays open to the load balancer.
    expect((await fetch(`${base}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
  });

  it('counts only loopback addresses as this machine', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isDirectLoopback(address, {})).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.1', '::ffff:10.0.0.5', 'fe80::1', '128.0.0.1', undefined]) expect(isDirectLoopback(address, {})).toBe(false);
  });
});

describe('/metrics with METRICS_TOKEN, in the running bot', () => {
  const TOKEN = 'metrics-scrape-token-0123456789';
  const slack = new FakeSlackApi();
  let bot: BotProcess;
  beforeAll(async () => {
    await slack.start();
    bot = await startBot('metrics', botEnv({ slackApiUrl: slack.url, extra: { METRICS_TOKEN: TOKEN } }));
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await slack.stop();
  });

  it('needs the bearer token, even from loopback, and serves the metrics with it', async () => {
    expect((await fetch(`${bot.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${bot.base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${bot.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('sqlbackup_messages_seen_total');
    expect(JSON.stringify(bot.logs)).not.toContain(TOKEN);
  });
});
