import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../bot/config.ts';
import { buildBotServer, type BotServer } from '../../bot/http/bot-server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { teamsPlatform } from '../../bot/teams/platform.ts';
import { message } from './activities.ts';
import { coreDeps } from './core-deps.ts';

/** Which Teams the composition root gets for which settings, and the local-mode playground. */

let server: BotServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

async function serve(env: Record<string, string>, logger = silentLogger()): Promise<{ url: string; port: number }> {
  const config = readConfig(env);
  const platforms = config.teams ? [teamsPlatform(config.teams, { local: config.local, playground: config.playground })] : [];
  server = buildBotServer({ platforms, core: coreDeps(), logger });
  const port = await server.start(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${String(port)}/api/messages`, port };
}

const post = (url: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message('help'), serviceUrl: 'http://127.0.0.1:9/' }) });

describe('Teams from the settings', () => {
  it('leaves Teams off when only another platform is configured', () => {
    const config = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' });
    expect(config.teams).toBeNull();
    expect(config.local).toBe(false);
  });

  it('serves Teams with credentials, whatever else is configured', async () => {
    const { url } = await serve({ MicrosoftAppId: '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'x', HOST: '0.0.0.0' });
    expect(server!.platforms.map((p) => [p.platform, p.mode])).toEqual([['teams', 'bot-framework']]);
    expect((await post(url)).status).toBe(401);
  });

  it('refuses local mode on a public interface, explaining why', () => {
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(/unauthenticated requests from anyone/);
  });

  it('in local mode with PLAYGROUND=off, serves Teams unauthenticated on loopback and starts nothing else', async () => {
    const config = readConfig({ PLAYGROUND: 'off' });
    expect([config.teams, config.host, config.playground]).toEqual([{ auth: 'none' }, '127.0.0.1', false]);
    const logs = captureLogger();
    await serve({ PLAYGROUND: 'off' }, logs.logger);
    expect(server!.platforms.map((p) => p.mode)).toEqual(['local']);
    expect(logs.lines.some((l) => /Agents Playground/.test(String(l['msg'])))).toBe(false);
  });

  it('in local mode, starts the Agents Playground beside the bot and stops it with the bot', async () => {
    const logs = captureLogger();
    await serve({}, logs.logger);
    const url = logs.lines.find((l) => typeof l['url'] === 'string')?.['url'] as string | undefined;
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect((await fetch(url!)).status).toBe(200);
    await server!.stop();
    server = null;
    await expect(fetch(url!)).rejects.toThrow();
  }, 60_000);
});
