import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyLimit, type BufferedRequest } from './body-limit.ts';
import { createMetrics } from './metrics.ts';
import { opsRoutes } from './ops-routes.ts';
import { InFlight } from './in-flight.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Sends a body in chunks without Content-Length, as a streaming client would. */
function postChunked(base: string, path: string, chunks: number, chunkBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(413) : reject(err)));
    for (let i = 0; i < chunks; i++) req.write('x'.repeat(chunkBytes));
    req.end();
  });
}

describe('health, readiness and metrics', () => {
  it('healthz is up while readyz follows its checks and draining', async () => {
    let storeUp = true;
    let draining = false;
    const app = express();
    app.use(opsRoutes({ metrics: createMetrics(), checks: { catalog: () => true, store: () => Promise.resolve(storeUp) }, draining: () => draining }));
    const { base } = await listen(app);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { catalog: true, store: true } });

    storeUp = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ checks: { store: false } });

    storeUp = true;
    draining = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('a hanging readiness check fails within the timeout instead of hanging the probe', async () => {
    const app = express();
    app.use(opsRoutes({ metrics: createMetrics(), checks: { store: () => new Promise<boolean>(() => undefined) }, checkTimeoutMs: 100 }));
    const { base } = await listen(app);
    const started = Date.now();
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('exposes what the bot counted in Prometheus format', async () => {
    const metrics = createMetrics();
    metrics.seen('slack', 'message');
    metrics.answered('UserErrorSQLLogBackupChainBroken', 'slack');
    metrics.answered('UserErrorSQLLogBackupChainBroken', 'slack');
    metrics.feedback('UserErrorSQLLogBackupChainBroken', false);
    metrics.latency('slack', 0.042);
    const app = express();
    app.use(opsRoutes({ metrics, checks: {} }));
    const { base } = await listen(app);
    const res = await fetch(`${base}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('sqlbackup_answers_total{entry="UserErrorSQLLogBackupChainBroken",platform="slack"} 2');
    expect(text).toContain('sqlbackup_feedback_total{entry="UserErrorSQLLogBackupChainBroken",helpful="false"} 1');
    expect(text).toContain('sqlbackup_reply_latency_seconds_bucket{le="0.05",platform="slack"} 1');
    expect(text).toContain('sqlbackup_process_resident_memory_bytes');
  });
});

describe('body limit', () => {
  async function echoApp(limit: number) {
    const app = express();
    app.post('/slack/events', bodyLimit(limit), (req: BufferedRequest, res) => {
      res.json({ raw: req.rawBody?.length, parsed: req.body as unknown });
    });
    return listen(app);
  }

  it('passes a body under the limit through, raw bytes kept for signature checks and JSON parsed', async () => {
    const { base } = await echoApp(1024);
    const body = JSON.stringify({ event: { text: 'Log chain broken é' } });
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(await res.json()).toEqual({ raw: Buffer.byteLength(body), parsed: { event: { text: 'Log chain broken é' } } });
  });

  it('answers 413 from the declared length without reading the body', async () => {
    const { base } = await echoApp(1024);
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
  });

  it('answers 413 to a streamed body with no length once it passes the limit', async () => {
    const { base } = await echoApp(1024);
    expect(await postChunked(base, '/slack/events', 20, 200)).toBe(413);
    expect(await postChunked(base, '/slack/events', 2, 200)).toBe(200);
  });
});

describe('in-flight work and draining', () => {
  it('refuses new requests while draining and waits for work that continues after the response', async () => {
    const inFlight = new InFlight();
    const events: string[] = [];
    const app = express();
    app.use(inFlight.middleware());
    app.post('/slow', (_req, res) => {
      res.status(200).end(); // acknowledged first, like Bolt
      void inFlight.track(new Promise<void>((r) => setTimeout(() => (events.push('answer posted'), r()), 300)));
    });
    const { base } = await listen(app);

    expect((await fetch(`${base}/slow`, { method: 'POST' })).status).toBe(200);
    const drained = inFlight.drain(5000).then((ok) => (events.push('drained'), ok));
    expect(inFlight.isDraining).toBe(true);
    const late = await fetch(`${base}/slow`, { method: 'POST' });
    expect(late.status).toBe(503);
    expect(await drained).toBe(true);
    expect(events).toEqual(['answer posted', 'drained']);
  });

  it('gives up at the deadline and says so', async () => {
    const inFlight = new InFlight();
    void inFlight.track(new Promise<void>(() => undefined));
    const started = Date.now();
    expect(await inFlight.drain(100)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(inFlight.size).toBe(1);
  });
});
