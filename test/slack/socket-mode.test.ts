import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { DEFAULT_LIMITS } from '../../bot/core/deps.ts';
import { slackPlatform } from '../../bot/slack/platform.ts';
import { buildBotServer, type BotServer } from '../../bot/http/bot-server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';

/**
 * Socket Mode (SLACK_APP_TOKEN set): the bot dials out to Slack instead of serving
 * /slack/events. A local Web API answers apps.connections.open with a loopback WebSocket
 * URL, and that socket plays Slack: hello, then an event envelope the bot must ack.
 */

const APP_TOKEN = 'xapp-1-A0BOT-1-socketsecret';
const LSN = 'UserErrorSQLLSNValidationFailure';
const catalog = loadCatalog();

let api: Server;
let wss: WebSocket.Server;
let bot: BotServer;
let socket: WebSocket | null = null;
let port = 0;
const calls: { method: string; token: string; body: string }[] = [];
const acks: string[] = [];

async function until(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  wss = new WebSocket.Server({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as { envelope_id?: string };
      if (frame.envelope_id) acks.push(frame.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0BOT' }, debug_info: { approximate_connection_time: 3600 } }));
  });

  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      calls.push({ method, token: String(req.headers.authorization ?? '').replace(/^Bearer /, ''), body: Buffer.concat(chunks).toString() });
      const answer =
        method === 'apps.connections.open'
          ? { ok: true, url: wsUrl }
          : method === 'auth.test'
            ? { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' }
            : { ok: true, ts: nextTs(), channel: 'C0SOCK' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  api.listen(0, '127.0.0.1');
  await once(api, 'listening');

  bot = buildBotServer({
    platforms: [slackPlatform({ botToken: 'xoxb-1-2-socketbot', signingSecret: null, appToken: APP_TOKEN, apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/` })],
    core: { catalog, classifier: createClassifier(catalog), store: createMemoryStore(), clock: Date.now, limits: DEFAULT_LIMITS, logger: silentLogger() },
    logger: silentLogger(),
  });
  port = await bot.start(0, '127.0.0.1');
});

afterAll(async () => {
  await bot?.stop();
  wss?.close();
  api?.closeAllConnections();
  await new Promise((r) => api?.close(r));
});

describe('Socket Mode', () => {
  it('connects with the app token and serves no /slack/events endpoint', async () => {
    expect(bot.platforms.map((p) => p.mode)).toEqual(['socket']);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const open = calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe(APP_TOKEN);
    expect(socket).not.toBeNull();
  });

  it('acks an event envelope and answers the paste in its thread', async () => {
    const ts = nextTs();
    const payload = JSON.parse(messageEvent({ eventId: 'EvSOCK1', channel: 'C0SOCK', ts, text: `${LSN}: Log chain is broken.` })) as unknown;
    socket?.send(JSON.stringify({ envelope_id: 'env-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload }));
    await until(() => acks.includes('env-1'), 'the envelope ack');
    await until(() => calls.some((c) => c.method === 'chat.postMessage'), 'the answer');
    const post = new URLSearchParams(calls.find((c) => c.method === 'chat.postMessage')?.body ?? '');
    expect(post.get('thread_ts')).toBe(ts);
    expect(post.get('blocks')).toContain(catalog.get(LSN)?.title);
  });
});
