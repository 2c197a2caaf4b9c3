import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { attachTeams, type TeamsSide } from '../../bot/teams/attach.ts';
import { TeamsConfigError } from '../../bot/teams/config.ts';
import { message } from './activities.ts';
import { coreDeps } from './core-deps.ts';

/** Which Teams the composition root gets for which settings, and the local-mode playground. */

let server: HttpServer | null = null;
let side: TeamsSide | null = null;
let said: string[] = [];

afterEach(async () => {
  await side?.stop();
  await server?.close();
  side = null;
  server = null;
  said = [];
});

async function attach(env: Record<string, string>, local: boolean, host = '127.0.0.1'): Promise<{ url: string; side: TeamsSide | null; port: number }> {
  server = createHttpServer();
  side = attachTeams(server.app, { env, host, local, core: coreDeps(), logger: silentLogger(), say: (text) => said.push(text) });
  const port = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${String(port)}/api/messages`, side, port };
}

const post = (url: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message('help'), serviceUrl: 'http://127.0.0.1:9/' }) });

describe('attachTeams', () => {
  it('leaves Teams off when only another platform is configured', async () => {
    const { url, side: teams } = await attach({ SLACK_BOT_TOKEN: 'xoxb-1' }, false);
    expect(teams).toBeNull();
    expect((await post(url)).status).toBe(404);
  });

  it('serves Teams with credentials, whatever else is configured', async () => {
    const { url, side: teams } = await attach({ MicrosoftAppId: '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'x' }, false, '0.0.0.0');
    expect(teams?.config.auth).toBe('bot-framework');
    expect((await post(url)).status).toBe(401);
    expect(await teams!.started(1)).toBeNull();
  });

  it('refuses local mode on a public interface, explaining why', () => {
    server = createHttpServer();
    expect(() => attachTeams(server!.app, { env: {}, host: '0.0.0.0', local: true, core: coreDeps(), logger: silentLogger() })).toThrow(TeamsConfigError);
  });

  it('in local mode with PLAYGROUND=off, serves Teams unauthenticated and starts nothing else', async () => {
    const { side: teams, port } = await attach({ PLAYGROUND: 'off' }, true);
    expect(teams?.config).toEqual({ auth: 'none' });
    expect(await teams!.started(port)).toBeNull();
  });

  it('in local mode, starts the Agents Playground beside the bot and stops it with the bot', async () => {
    const { side: teams, port } = await attach({}, true);
    const url = await teams!.started(port);
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(said.join('')).toContain(`sqlbackup-bot is running locally. Open ${url!} to talk to it`);
    expect((await fetch(url!)).status).toBe(200);
    await teams!.stop();
    await expect(fetch(url!)).rejects.toThrow();
  }, 60_000);
});
