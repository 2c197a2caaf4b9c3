import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { message, submit } from './activities.ts';
import { coreDeps } from './core-deps.ts';
import { startFakeConnector, type FakeConnector } from './fake-connector.ts';
import { nodesOf, validateCard } from './validate-card.ts';

/** `stats` in Teams: what the team hit most, counted from answers and votes made in Teams. */

const LSN = 'UserErrorSQLLSNValidationFailure';
let connector: FakeConnector;
let server: HttpServer;
let url: string;

beforeAll(async () => {
  connector = await startFakeConnector();
  server = createHttpServer();
  mountTeams(server.app, { config: { auth: 'none' }, core: coreDeps(), logger: silentLogger() });
  url = `http://127.0.0.1:${String(await server.listen(0, '127.0.0.1'))}/api/messages`;
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
});

const post = (activity: Partial<Activity>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

describe('stats in Teams', () => {
  it('shows the most answered entries with their helpful ratio as a valid card', async () => {
    const serviceUrl = connector.serviceUrl;
    await post(message(`Backup failed: ${LSN}`, { serviceUrl }));
    await post(message('Log chain is broken.', { serviceUrl }));
    await post(submit({ kind: 'feedback', entryId: LSN, helpful: false }, 'card-1', { serviceUrl }));
    connector.calls.splice(0);

    expect((await post(message('stats', { serviceUrl }))).status).toBe(200);
    const card = (connector.calls[0]?.body.attachments as { content: Record<string, unknown> }[] | undefined)?.[0]?.content;
    expect(card).toBeDefined();
    expect(validateCard(card)).toEqual([]);
    const text = nodesOf(card)
      .filter((n) => n.type === 'TextRun' || n.type === 'TextBlock')
      .map((n) => String(n.text))
      .join('|');
    expect(text).toContain('What the team keeps hitting');
    expect(text).toContain('Last 7 days · 2 answers');
    expect(text).toMatch(new RegExp(`${LSN}\\|.* · 2 answers · 0% helpful \\(1 vote\\)`));
  });
});
