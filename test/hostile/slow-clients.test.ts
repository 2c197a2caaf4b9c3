import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMaxConnections, openFileLimit, readConnectionLimits } from '../../bot/http/connection-limits.ts';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { bodyLimit } from '../../bot/ops/body-limit.ts';
import { botEnv, startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';

/**
 * Clients that send a request slowly, over real sockets: each must lose its socket on time,
 * and a flood of idle sockets must not stop the bot from answering once they are gone.
 */

interface Trickle {
  readonly socket: Socket;
  /** Resolves with the milliseconds from connect to the server closing the socket, and what it sent. */
  readonly closed: Promise<{ ms: number; reply: string }>;
}

/** Opens a socket and writes `first`, then one byte of `rest` a second until the server hangs up. */
function trickle(port: number, first: string, rest: string): Trickle {
  const socket = connect(port, '127.0.0.1');
  const started = performance.now();
  let reply = '';
  let i = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed && i < rest.length) socket.write(rest[i++] ?? '');
  }, 1000);
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
  socket.on('error', () => {});
  socket.write(first);
  const closed = new Promise<{ ms: number; reply: string }>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, reply });
    }),
  );
  return { socket, closed };
}

describe('slow requests with the default limits', () => {
  let server: HttpServer;
  let port: number;
  beforeAll(async () => {
    server = createHttpServer();
    server.app.post('/slack/events', bodyLimit(), (_req, res) => void res.json({ ok: true }));
    port = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('drops headers sent a byte a second after about 10 s, and a body sent a byte a second after about 30 s', async () => {
    const headers = trickle(port, 'POST /slack/events HTTP/1.1\r\nHost: x\r\n', 'X-Slow: ' + 'a'.repeat(100));
    const body = trickle(port, 'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{'.repeat(100));
    const [h, b] = await Promise.all([headers.closed, body.closed]);
    expect(h.ms).toBeGreaterThan(9_500);
    expect(h.ms).toBeLessThan(11_500);
    expect(b.ms).toBeGreaterThan(29_500);
    expect(b.ms).toBeLessThan(31_500);
    expect(b.reply).toMatch(/^HTTP\/1.1 408/);
  }, 40_000);
});

describe('a flood of idle sockets against a real bot process', () => {
  const slack = new FakeSlackApi();
  let bot: BotProcess;
  beforeAll(async () => {
    await slack.start();
    bot = await startBot('slow-clients', botEnv({ slackApiUrl: slack.url, extra: { MAX_CONNECTIONS: '6' } }));
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await slack.stop();
  });

  it('closes sockets beyond MAX_CONNECTIONS at once and answers /healthz as soon as the flood is gone', async () => {
    const hogs = await Promise.all(
      Array.from({ length: 6 }, () => new Promise<Socket>((resolve) => { const s = connect(bot.port, '127.0.0.1', () => resolve(s)); s.on('error', () => {}); })),
    );
    const extra = trickle(bot.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', '');
    const refused = await extra.closed;
    expect(refused.reply).toBe('');
    // At once, not after the 10 s header timeout (a loaded machine may take a second or two).
    expect(refused.ms).toBeLessThan(5000);
    for (const hog of hogs) hog.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${bot.base}/healthz`);
    expect(res.status).toBe(200);
  }, 20_000);
});

describe('the socket cap', () => {
  const limits = (soft: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 4096                 files\n`;

  it("defaults to three quarters of what the file limit leaves after the bot's own descriptors", () => {
    expect(openFileLimit(() => limits('1024'))).toBe(1024);
    expect(defaultMaxConnections(1024)).toBe(720);
    // 1,100 slow sockets exhausted a 1,024 file limit; the cap keeps them under it.
    expect(defaultMaxConnections(openFileLimit(() => limits('1024')))).toBeLessThan(1024 - 64);
    expect(openFileLimit(() => limits('unlimited'))).toBeNull();
    expect(defaultMaxConnections(null)).toBe(720);
    expect(defaultMaxConnections(40)).toBe(16);
  });

  it('reads MAX_CONNECTIONS and names it when it is not a count', () => {
    expect(readConnectionLimits({ MAX_CONNECTIONS: '200' })).toEqual({ maxConnections: 200 });
    expect(readConnectionLimits({})).toEqual({});
    expect(() => readConnectionLimits({ MAX_CONNECTIONS: 'lots' })).toThrow(/MAX_CONNECTIONS must be a whole number.*"lots"/);
  });
});
