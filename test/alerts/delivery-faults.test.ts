import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand } from '../slack/payloads.ts';
import { closeServer, listenOnLoopback } from '../support/loopback.ts';
import { another, fixture, startAlertBot, type AlertBot } from './harness.ts';

/** Posts that fail are retried with backoff and never lost silently; Entra ID secure webhooks. */

describe('a failed post', () => {
  let bot: AlertBot;
  const channel = 'C0FAULTS';
  beforeAll(async () => {
    bot = await startAlertBot();
    const hook = bot.hooks.url();
    await bot.slackSend(slashCommand({ text: 'alerts here', responseUrl: hook, channel }));
    await bot.hooks.waitFor(hook);
  });
  afterAll(async () => {
    await bot.stop();
  });
  const roots = () => bot.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel && c.args['thread_ts'] === undefined);

  it('is retried with backoff and posted once when Slack recovers', async () => {
    bot.slack.inject('chat.postMessage', { kind: 'slack-error', error: 'fatal_error' }, { kind: 'slack-error', error: 'fatal_error' });
    expect((await bot.sendAlert(fixture('backup-failure'))).status).toBe(202);
    await bot.settle();
    const attempts = roots();
    expect(attempts).toHaveLength(3);
    expect(attempts.filter((c) => c.posted !== undefined)).toHaveLength(1);
  });

  it('after the last attempt is logged with the alert id and counted', async () => {
    bot.slack.inject('chat.postMessage', ...Array.from({ length: 3 }, () => ({ kind: 'slack-error' as const, error: 'channel_not_found' })));
    const alert = another('restore-failure', 1, bot.at());
    await bot.sendAlert(alert);
    await bot.settle();
    const line = bot.logs.lines.find((l) => l['msg'] === 'alert could not be delivered after retries');
    expect(line?.['alertId']).toBe((alert as { data: { essentials: { alertId: string } } }).data.essentials.alertId);
    expect(await (await fetch(`${bot.base}/metrics`)).text()).toMatch(/sqlbackup_alert_posts_failed_total 1/);
  });
});

describe('Entra ID secure webhook', () => {
  const AUDIENCE = 'api://sqlbackup-bot-alerts';
  const ISSUER = 'https://sts.windows.net/72f988bf-0000-0000-0000-000000000001/';
  let jwks: Server;
  let bot: AlertBot;
  let sign: (claims: { aud?: string; iss?: string }, key?: SigningKey) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    const url = `${await listenOnLoopback(jwks)}/keys`;
    sign = (claims, key = privateKey) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setAudience(claims.aud ?? AUDIENCE)
        .setIssuer(claims.iss ?? ISSUER)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    bot = await startAlertBot({ env: { ALERT_WEBHOOK_TOKEN: '', ALERT_WEBHOOK_AUDIENCE: AUDIENCE, ALERT_WEBHOOK_ISSUER: ISSUER, ALERT_WEBHOOK_JWKS_URL: url } });
    strangerKey = stranger.privateKey;
  });
  let strangerKey: SigningKey;
  afterAll(async () => {
    await bot.stop();
    await closeServer(jwks);
  });

  const withBearer = async (token: string) => (await bot.sendAlert(fixture('azure-vm-backup'), { token: null, headers: { authorization: `Bearer ${token}` } })).status;

  it('accepts a token of the tenant for the audience, and refuses another audience, issuer or signing key', async () => {
    expect(await withBearer(await sign({}))).toBe(202);
    expect(await withBearer(await sign({ aud: 'api://someone-else' }))).toBe(401);
    expect(await withBearer(await sign({ iss: 'https://sts.windows.net/another-tenant/' }))).toBe(401);
    expect(await withBearer(await sign({}, strangerKey))).toBe(401);
    expect((await bot.sendAlert(fixture('azure-vm-backup'), { token: null })).status).toBe(401);
  });
});
