import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { message } from '../teams/activities.ts';
import { coreDeps } from '../teams/core-deps.ts';
import { FaultyConnector } from './faulty-connector.ts';

/**
 * The Bot Framework connector misbehaving while the Teams adapter replies: the same cases
 * as for Slack (429 with Retry-After, 5xx, dropped connections, an outage). Through the
 * real adapter and HTTP endpoint, in local mode, with a scripted connector.
 */

const connector = new FaultyConnector();
const { logger, lines } = captureLogger();
let server: HttpServer;
let url = '';

beforeAll(async () => {
  await connector.start();
  server = createHttpServer();
  mountTeams(server.app, { config: { auth: 'none' }, core: coreDeps(), logger });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/messages`;
});
afterAll(async () => {
  await server.close();
  await connector.stop();
});
beforeEach(() => connector.clear());

const PASTE = 'Backup failed: UserErrorSQLNoSysadminMembership';

async function send(text = PASTE): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(text, { serviceUrl: connector.serviceUrl })) });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe('Bot Framework connector faults', () => {
  it('429 with Retry-After: waits, retries, and the card is delivered once', async () => {
    connector.inject({ status: 429, retryAfterSec: 2 });
    await send();
    await expect.poll(() => connector.delivered().length, { timeout: 15_000 }).toBe(1);
    const [limited, ok] = connector.attempts;
    expect(limited?.status).toBe(429);
    expect((ok?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('5xx and a dropped connection: retried with backoff until the card is delivered', async () => {
    connector.inject({ status: 503 }, 'reset', { status: 500 });
    await send();
    await expect.poll(() => connector.delivered().length, { timeout: 30_000 }).toBe(1);
    expect(connector.attempts.map((a) => a.status)).toEqual([503, 'reset', 500, 200]);
    const at = connector.attempts.map((a) => a.at);
    at.slice(1).forEach((t, i) => expect(t - (at[i] ?? 0)).toBeGreaterThanOrEqual(300));
  }, 40_000);

  it('an outage: bounded attempts, a logged failure, and the next message is answered', async () => {
    connector.inject(...Array.from({ length: 12 }, () => ({ status: 500 })));
    const before = lines.length;
    await send();
    await expect.poll(() => lines.slice(before).some((l) => l['level'] === 'error'), { timeout: 60_000, interval: 250 }).toBe(true);
    const tried = connector.attempts.length;
    // One reply plus the apology the adapter tries after a failed turn, each with bounded retries.
    expect(tried).toBeLessThanOrEqual(10);
    await new Promise((r) => setTimeout(r, 1500));
    expect(connector.attempts).toHaveLength(tried);
    connector.clear();
    const next = await send();
    expect(next.status).toBe(200);
    await expect.poll(() => connector.delivered().length, { timeout: 10_000 }).toBe(1);
  }, 90_000);
});
