import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import type { TeamsConfig } from '../../bot/teams/config.ts';
import { CHANNEL, PERSONAL, message, nextId, submit, type MessageOptions } from './activities.ts';
import { coreDeps } from './core-deps.ts';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from './fake-connector.ts';
import { nodesOf, validateCard } from './validate-card.ts';

/**
 * End to end over HTTP: activities POSTed to /api/messages on the shared server, replies
 * caught by a stand-in connector at the activity's serviceUrl.
 */

let connector: FakeConnector;

async function startBot(config: TeamsConfig): Promise<{ server: HttpServer; url: string }> {
  const server = createHttpServer();
  mountTeams(server.app, { config, core: coreDeps(), logger: silentLogger() });
  const port = await server.listen(0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${String(port)}/api/messages` };
}

function post(url: string, activity: Partial<Activity>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
}

function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const attachments = call?.body.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  expect(attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = attachments![0]!.content;
  expect(validateCard(card)).toEqual([]);
  return card;
}
const runs = (card: unknown): string[] => nodesOf(card).filter((n) => n.type === 'TextRun').map((n) => String(n.text));

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.close();
});
beforeEach(() => {
  connector.calls.splice(0);
});

describe('Teams over HTTP, local mode (no app id, loopback)', () => {
  let bot: { server: HttpServer; url: string };
  beforeAll(async () => {
    bot = await startBot({ auth: 'none' });
  });
  afterAll(async () => {
    await bot.server.close();
  });
  const send = (text: string, options: MessageOptions = {}) => {
    const activity = message(text, { serviceUrl: connector.serviceUrl, ...options });
    return post(bot.url, activity).then((res) => ({ res, activity }));
  };

  it('answers a personal chat paste in that chat, replying to the message', async () => {
    const { res, activity } = await send('Job failed with UserErrorSQLNoSysadminMembership, what now?');
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call).toMatchObject({ method: 'POST', conversationId: PERSONAL, activityId: activity.id });
    expect(call.body).toMatchObject({ replyToId: activity.id, conversation: { id: PERSONAL } });
    const card = cardOf(call);
    expect(runs(card)).toContain('UserErrorSQLNoSysadminMembership');
    // Local mode talks to the Agents Playground, which warns under full-width cards.
    expect(card.msteams).toBeUndefined();
  });

  it('answers a channel mention in the same reply chain, with the mention removed', async () => {
    const { activity } = await send('search log chain broken', { scope: 'channel', mention: true });
    const call = connector.calls[0]!;
    const chain = `${CHANNEL};messageid=${activity.id!}`;
    expect(call).toMatchObject({ method: 'POST', conversationId: chain, activityId: activity.id });
    expect(call.body).toMatchObject({ replyToId: activity.id, conversation: { id: chain } });
    expect(runs(cardOf(call))).toContain('For: log chain broken');
  });

  it('answers an unmentioned channel paste that carries a code in its reply chain (RSC)', async () => {
    const { res, activity } = await send('Backup job failed: UserErrorSQLNoSysadminMembership on SQLVM01', { scope: 'channel' });
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    const chain = `${CHANNEL};messageid=${activity.id!}`;
    expect(connector.calls[0]).toMatchObject({ method: 'POST', conversationId: chain, activityId: activity.id });
    expect(runs(cardOf(connector.calls[0]))).toContain('UserErrorSQLNoSysadminMembership');
  });

  it('answers an unmentioned follow-up in the reply chain of its own answer, about that entry', async () => {
    const root = nextId();
    await send('Backup job failed: UserErrorParentFullBackupMissing', { scope: 'channel', id: root });
    await send('is it safe to just retry?', { scope: 'channel', root });
    expect(connector.calls).toHaveLength(2);
    expect(connector.calls[1]!.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(runs(cardOf(connector.calls[1])).slice(0, 2)).toEqual(['About  ', 'UserErrorParentFullBackupMissing']);
  });

  it('stays silent on unmentioned channel chatter, even when it reads like a command', async () => {
    for (const text of ['anyone up for lunch?', 'help', 'list']) {
      const { res } = await send(text, { scope: 'channel' });
      expect(res.status).toBe(200);
    }
    expect(connector.calls).toEqual([]);
  });

  it('ignores another bot\'s unmentioned channel post, even one carrying a code', async () => {
    const activity = message('Alert: backup failed with UserErrorSQLNoSysadminMembership', { scope: 'channel', serviceUrl: connector.serviceUrl });
    const fromBot = { ...activity, from: { id: '28:other-bot', name: 'Alert feed', role: 'bot' } } as Partial<Activity>;
    expect((await post(bot.url, fromBot)).status).toBe(200);
    expect(connector.calls).toEqual([]);
  });

  it('after "watch off" said with a mention, unmentioned pastes in that channel get nothing; mentions still do', async () => {
    await send('watch off', { scope: 'channel', mention: true });
    expect(connector.calls).toHaveLength(1);
    // Teams has no slash command: the notice says how to switch it back there.
    const notice = JSON.stringify(connector.calls[0]!.body);
    expect(notice).toContain('Stopped watching this channel');
    expect(notice).toContain('mention me with');
    expect(notice).not.toContain('/sqlbackup');
    await send('Backup job failed: UserErrorSQLNoSysadminMembership', { scope: 'channel' });
    expect(connector.calls).toHaveLength(1);
    await send('UserErrorSQLNoSysadminMembership', { scope: 'channel', mention: true });
    expect(connector.calls).toHaveLength(2);
    await send('watch on', { scope: 'channel', mention: true });
    await send('Backup job failed: UserErrorSQLNoSysadminMembership', { scope: 'channel' });
    expect(connector.calls).toHaveLength(4);
  });

  it('answers a follow-up in the reply chain in the context of the entry', async () => {
    const root = nextId();
    await send('UserErrorParentFullBackupMissing', { scope: 'channel', mention: true, id: root });
    await send('is it safe to just retry?', { scope: 'channel', mention: true, root });
    expect(connector.calls).toHaveLength(2);
    const followUp = connector.calls[1]!;
    expect(followUp.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    const card = cardOf(followUp);
    // A follow-up card names the entry it answers about, then the answer; not the whole entry again.
    expect(runs(card).slice(0, 2)).toEqual(['About  ', 'UserErrorParentFullBackupMissing']);
    expect(JSON.stringify(card)).not.toContain('What to do');
  });

  it('updates the clicked card in place after feedback', async () => {
    const root = nextId();
    await send('UserErrorSQLNoSysadminMembership', { scope: 'channel', mention: true, id: root });
    const cardId = 'sent-card-7';
    const press = submit({ kind: 'feedback', entryId: 'UserErrorSQLNoSysadminMembership', helpful: false }, cardId, { scope: 'channel', root, serviceUrl: connector.serviceUrl });
    expect((await post(bot.url, press)).status).toBe(200);
    const update = connector.calls.at(-1)!;
    expect(update).toMatchObject({ method: 'PUT', conversationId: `${CHANNEL};messageid=${root}`, activityId: cardId });
    expect(update.body).toMatchObject({ id: cardId });
    const card = cardOf(update);
    expect(runs(card)).toContain('UserErrorSQLNoSysadminMembership');
    expect(JSON.stringify(card)).toContain('Marked as not helpful');
  });

  it('refuses a body that is not JSON, or too large, without calling anyone', async () => {
    const res = await fetch(bot.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(400);
    const huge = message('x'.repeat(300 * 1024), { serviceUrl: connector.serviceUrl });
    expect((await post(bot.url, huge)).status).toBe(413);
    expect(connector.calls).toEqual([]);
  });

  it('refuses an activity the adapter cannot read with a JSON 400, not an HTML error page', async () => {
    const res = await post(bot.url, { conversation: { id: PERSONAL } } as Partial<Activity>);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: 'malformed activity' });
    expect(connector.calls).toEqual([]);
  });
});

describe('Teams over HTTP when answering fails', () => {
  it('tells the user something went wrong, without the error itself', async () => {
    const server = createHttpServer();
    const core = coreDeps();
    const broken = { ...core, store: { ...core.store, claim: () => Promise.reject(new Error('redis: connection refused at 10.0.0.7')) } };
    mountTeams(server.app, { config: { auth: 'none' }, core: broken, logger: silentLogger() });
    const port = await server.listen(0, '127.0.0.1');
    try {
      const activity = message('UserErrorSQLNoSysadminMembership', { serviceUrl: connector.serviceUrl });
      await post(`http://127.0.0.1:${String(port)}/api/messages`, activity);
      expect(connector.calls).toHaveLength(1);
      const text = runs(cardOf(connector.calls[0])).join(' ');
      expect(text).toMatch(/something went wrong on my side/i);
      expect(text).not.toMatch(/redis|10\.0\.0\.7/);
    } finally {
      await server.close();
    }
  });
});

describe('Teams over HTTP, authenticated (app id set)', () => {
  let bot: { server: HttpServer; url: string };
  beforeAll(async () => {
    bot = await startBot({ auth: 'bot-framework', appId: '11111111-2222-3333-4444-555555555555', appPassword: 'not-a-real-secret', appType: 'MultiTenant', tenantId: null });
  });
  afterAll(async () => {
    await bot.server.close();
  });

  it('answers 401 to a request without a token, and to a garbage one, and never replies', async () => {
    const activity = message('UserErrorSQLNoSysadminMembership', { serviceUrl: connector.serviceUrl });
    expect((await post(bot.url, activity)).status).toBe(401);
    expect((await post(bot.url, { ...activity, id: nextId() }, { authorization: 'Bearer not.a.token' })).status).toBe(401);
    expect(connector.calls).toEqual([]);
  });
});
