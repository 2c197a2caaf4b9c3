import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { bodyLimit } from '../../bot/ops/body-limit.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { JsonCloudAdapter } from '../../bot/teams/json-cloud-adapter.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { freePort } from '../../testkit/redis-server.ts';
import { closeServer } from '../support/loopback.ts';
import { message } from '../teams/activities.ts';
import { coreDeps } from '../teams/core-deps.ts';

/**
 * Teams with authentication on, against forged and expired tokens and a Bot Framework key
 * endpoint that cannot be reached: every failure is a JSON answer with the right status and
 * one JSON log line, never a 500 with the internal error and never a stack trace on stderr.
 */

const APP_ID = '11111111-2222-3333-4444-555555555555';
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT shaped like the Bot Framework's, signed with a key of our own (so never valid for it). */
function forgedToken(claims: Record<string, unknown> = {}): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${b64url({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: 'https://smba.trafficmanager.net/teams/', ...claims })}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}

let stderr: unknown[][];
const original = console.error;
beforeEach(() => {
  stderr = [];
  // Records what botbuilder would print outside the JSON logs.
  console.error = (...args: unknown[]) => void stderr.push(args);
});
afterEach(() => {
  console.error = original;
});

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('/api/messages with authentication on', () => {
  let server: HttpServer;
  let url: string;
  const logs = captureLogger();
  beforeAll(async () => {
    server = createHttpServer();
    mountTeams(server.app, { config: { auth: 'bot-framework', appId: APP_ID, appPassword: 'not-a-real-secret', appType: 'MultiTenant', tenantId: null }, core: coreDeps(), logger: logs.logger });
    url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/messages`;
  });
  afterAll(() => server.close());
  beforeEach(() => void logs.lines.splice(0));

  it('answers a garbage, unsigned or forged token with a JSON 401 and one log line, and prints nothing on stderr', async () => {
    const activity = JSON.stringify(message('UserErrorSQLNoSysadminMembership'));
    // Garbage, an unsigned token, and one signed by someone who is not the Bot Framework.
    for (const token of ['not.a.token', 'eyJhbGciOiJub25lIn0.e30.', forgedToken({ iss: 'https://login.example.com' })]) {
      const res = await post(url, activity, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    expect(logs.lines.filter((l) => l['msg'] === 'teams: Bot Framework token refused')).toHaveLength(3);
    expect(logs.raw.every((line) => !line.includes('\n    at '))).toBe(true);
    expect(stderr).toEqual([]);
  });

  it('refuses a body nested 100,000 deep with a JSON 400 at once', async () => {
    const started = performance.now();
    const res = await post(url, `{"type":"message","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, { authorization: `Bearer ${forgedToken()}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'nested too deep' });
    // Refused at the door, before botbuilder sees it (a generous bound: CI machines are shared).
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('answers malformed JSON with a JSON 400', async () => {
    const res = await post(url, '{"type": "message", ', { authorization: `Bearer ${forgedToken()}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed JSON' });
    expect(logs.lines).toHaveLength(1);
    expect(stderr).toEqual([]);
  });
});

describe('/api/messages when the Bot Framework signing keys cannot be fetched', () => {
  let bot: HttpServer;
  let url: string;
  let keysPort: number;
  let keys: Server | null = null;
  let fetched = 0;
  const logs = captureLogger();

  /** The OpenID metadata and key endpoints, as login.botframework.com serves them (with keys we hold). */
  async function startKeyEndpoint(status: number): Promise<void> {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    keys = createServer((req, res) => {
      fetched++;
      // No keep-alive: the stand-in is replaced between phases, on the same port.
      res.setHeader('connection', 'close');
      if (status !== 200) return void res.writeHead(status).end();
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${keysPort}/keys` }));
      else res.end(JSON.stringify({ keys: [{ kty: 'RSA', kid: 'real-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    });
    keys.listen(keysPort, '127.0.0.1');
    await new Promise((r) => keys?.once('listening', r));
  }

  beforeAll(async () => {
    keysPort = await freePort();
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      // The public cloud's settings, with the key endpoint moved to loopback (any one of
      // these set means all are read).
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${keysPort}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `http://127.0.0.1:${keysPort}/emulator`,
      CallerId: 'urn:botframework:azure',
    });
    const adapter = new JsonCloudAdapter(auth);
    bot = createHttpServer();
    bot.app.post('/api/messages', bodyLimit(), adapter.handler(() => Promise.resolve(), logs.logger));
    url = `http://127.0.0.1:${await bot.listen(0, '127.0.0.1')}/api/messages`;
  });
  afterAll(async () => {
    await bot.close();
    await closeServer(keys);
  });

  it('answers 503 without internals while the endpoint is down or failing, and fetches the keys again on the next request', async () => {
    const send = () => post(url, JSON.stringify(message('hello')), { authorization: `Bearer ${forgedToken()}` });

    // Nothing listening: the fetch itself fails.
    const down = await send();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    const said = await down.text();
    expect(JSON.parse(said)).toEqual({ error: 'authentication unavailable' });
    expect(said).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|request to/);

    // Up but failing.
    await startKeyEndpoint(502);
    expect((await send()).status).toBe(503);
    expect(fetched).toBe(1);
    await closeServer(keys);

    // Back: the next request fetches the keys and the forged token is refused as such.
    await startKeyEndpoint(200);
    const back = await send();
    expect(back.status).toBe(401);
    expect(fetched).toBe(3); // the metadata, then the keys

    expect(logs.lines.filter((l) => l['status'] === 503)).toHaveLength(2);
    expect(stderr).toEqual([]);
  });
});
