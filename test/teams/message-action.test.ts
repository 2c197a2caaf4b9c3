import { createServer } from 'node:http';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { EXPLAIN_COMMAND } from '../../bot/teams/explain.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { closeServer, listenOnLoopback } from '../support/loopback.ts';
import { CHANNEL, GROUP, invoke, message, messagePayload, nextId, type InvokeOptions } from './activities.ts';
import { coreDeps } from './core-deps.ts';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from './fake-connector.ts';
import { nodesOf, validateCard } from './validate-card.ts';

/**
 * "Explain this error" on a Teams message, end to end: message extension invokes POSTed to
 * the real /api/messages, the dialog read from the invoke's HTTP response, posts caught by
 * the connector stand-in.
 */

const CODE = 'UserErrorSQLNoSysadminMembership';

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
  await server.close();
  await connector.close();
});
beforeEach(() => {
  connector.calls.splice(0);
});

interface TaskResponse {
  task?: { type: string; value: string | { title: string; card: { contentType: string; content: Record<string, unknown> } } };
}

async function post(activity: Partial<Activity>): Promise<{ status: number; body: TaskResponse }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as TaskResponse };
}

const options = (o: InvokeOptions = {}): InvokeOptions => ({ serviceUrl: connector.serviceUrl, ...o });

/** Opens the message action on a message with this HTML, in a channel reply chain of its own. */
async function explain(html: string, o: InvokeOptions = {}): Promise<{ card: Record<string, unknown>; root: string }> {
  const root = o.root ?? nextId();
  const payload = messagePayload(html, { id: root });
  const { status, body } = await post(invoke('composeExtension/fetchTask', { commandId: EXPLAIN_COMMAND, messagePayload: payload }, options({ ...o, root })));
  expect(status).toBe(200);
  return { card: dialogCard(body), root };
}

/** The Adaptive Card of a `continue` task response, checked as every other card is. */
function dialogCard(body: TaskResponse): Record<string, unknown> {
  expect(body.task?.type).toBe('continue');
  const value = body.task!.value as { title: string; card: { contentType: string; content: Record<string, unknown> } };
  expect(value.title).toBe('Explain this error');
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateCard(value.card.content)).toEqual([]);
  expect((value.card.content.body as unknown[]).length).toBeGreaterThan(0);
  return value.card.content;
}

const runs = (card: unknown): string[] => nodesOf(card).filter((n) => n.type === 'TextRun').map((n) => String(n.text));
const textBlocks = (card: unknown): string[] => nodesOf(card).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
const actionsOf = (card: Record<string, unknown>): Record<string, unknown>[] => (card.actions ?? []) as Record<string, unknown>[];
const postAction = (card: Record<string, unknown>) => actionsOf(card).find((a) => a.title === 'Post in conversation');

function submit(data: unknown, o: InvokeOptions = {}): Promise<{ status: number; body: TaskResponse }> {
  return post(invoke('composeExtension/submitAction', { commandId: EXPLAIN_COMMAND, data }, options(o)));
}

function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const attachments = call?.body.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  expect(attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateCard(attachments![0]!.content)).toEqual([]);
  return attachments![0]!.content;
}

describe('Teams message action "Explain this error"', () => {
  it('answers a pasted code with its entry card in a dialog, posting nothing', async () => {
    const { card } = await explain(`<div><p>Backup job failed on SQLVM01:</p><p><b>${CODE}</b> (see portal)</p></div>`);
    expect(runs(card)).toContain(CODE);
    expect(textBlocks(card)).toContain('What to do');
    // Post first: Teams may fold the last buttons of a long row into a menu.
    expect(actionsOf(card)[0]).toMatchObject({ type: 'Action.Submit', title: 'Post in conversation', style: 'positive' });
    expect(actionsOf(card).map((a) => a.title)).toEqual(expect.arrayContaining(['Microsoft docs', 'Helpful', 'Not helpful']));
    expect(connector.calls).toEqual([]);
  });

  it('gives chatter a harmless answer with nothing to post, never an empty card', async () => {
    for (const html of ['<p>anyone up for lunch?</p>', '<p>watch off</p>', '', '<img src="https://x/y.png">']) {
      const { card } = await explain(html);
      expect(textBlocks(card)).not.toContain('What to do');
      expect(postAction(card)).toBeUndefined();
    }
    expect(connector.calls).toEqual([]);
  });

  it('"Post in conversation" posts the card into the message\'s reply chain, where follow-ups then know the error', async () => {
    const { card, root } = await explain(`<p>${CODE}</p>`);
    const { status, body } = await submit(postAction(card)!.data, { root });
    expect(status).toBe(200);
    expect(body).toEqual({ task: { type: 'message', value: 'Posted in the conversation.' } });
    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call).toMatchObject({ method: 'POST', conversationId: `${CHANNEL};messageid=${root}` });
    // A new message in the chain, as the bot's proactive posts are: never a reply to the invoke.
    expect(call.activityId ?? '').not.toMatch(/^f:/);
    const posted = cardOf(call);
    expect(runs(posted)).toContain(CODE);
    // In the chat: no dialog button.
    expect(postAction(posted)).toBeUndefined();

    // A question in that reply chain (heard through the channel permission) is about that entry.
    const followUp = message('is it safe to just retry?', { scope: 'channel', root, serviceUrl: connector.serviceUrl });
    expect((await post(followUp)).status).toBe(200);
    expect(connector.calls).toHaveLength(2);
    expect(runs(cardOf(connector.calls[1])).slice(0, 2)).toEqual(['About  ', CODE]);
  });

  it('posts into a group chat itself, and reads the message when Teams submits it without a fetch', async () => {
    const payload = messagePayload(`<p>Backup failed: ${CODE}</p>`);
    const first = await post(invoke('composeExtension/submitAction', { commandId: EXPLAIN_COMMAND, messagePayload: payload, data: {} }, options({ scope: 'groupChat' })));
    const card = dialogCard(first.body);
    expect(runs(card)).toContain(CODE);
    const { body } = await submit(postAction(card)!.data, { scope: 'groupChat' });
    expect(body.task?.value).toBe('Posted in the conversation.');
    expect(connector.calls.map((c) => c.conversationId)).toEqual([GROUP]);
  });

  it('redraws the dialog for its other buttons: Helpful thanks, and Post stays', async () => {
    const { card, root } = await explain(`<p>${CODE}</p>`);
    const helpful = actionsOf(card).find((a) => a.title === 'Helpful')!;
    const { body } = await submit(helpful.data, { root });
    const redrawn = dialogCard(body);
    expect(textBlocks(redrawn).join(' ')).toContain('Marked as helpful');
    expect(postAction(redrawn)).toBeDefined();
    expect(connector.calls).toEqual([]);
  });

  it('keeps mentions, @channel, markdown, HTML and card templating in the message as literal text', async () => {
    const hostile = [
      '<div><at id="0">SQL Backup helper</at> @channel **urgent** [click](https://evil.example/x) # heading',
      '&lt;script&gt;alert(1)&lt;/script&gt; <script>steal()</script> {{DATE(2017-02-14T06:08:39Z, SHORT)}} &#0; &#x202E;',
      `<pre>${CODE}</pre></div>`,
    ].join('<br>');
    const { card } = await explain(hostile);
    expect(runs(card)).toContain(CODE);
    // Markdown renders only in TextBlocks: none carries a word of the message.
    for (const text of textBlocks(card)) expect(text).not.toMatch(/evil|@channel|urgent|script|SQL Backup helper/);
    const all = JSON.stringify(card);
    expect(all).not.toContain('steal()');
    expect(all).not.toContain('{{DATE');
    expect(all).not.toContain('\u202e');

    const { card: chatter } = await explain(hostile.replace(CODE, 'no code here'));
    for (const text of textBlocks(chatter)) expect(text).not.toMatch(/evil|@channel|urgent|script/);
    const echoed = runs(chatter).join('\n');
    // Echoed back ("You wrote: …") only as literal runs: the mention as its name, markdown as typed, templating defused.
    expect(echoed).toContain('SQL Backup helper @channel **urgent** [click](https://evil.example/x)');
    expect(echoed).not.toContain('{{');
    expect(echoed).not.toContain('steal()');
  });

  it('says so in the dialog when the bot may not post in that conversation', async () => {
    const seen: string[] = [];
    const refusing = createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'not a member' } }));
    });
    const refusingUrl = `${await listenOnLoopback(refusing)}/`;
    try {
      const { card, root } = await explain(`<p>${CODE}</p>`);
      const { status, body } = await submit(postAction(card)!.data, { root, serviceUrl: refusingUrl });
      expect(status).toBe(200);
      expect(body.task?.type).toBe('message');
      // One attempt, and no "sorry" posted into a conversation the bot is not in.
      expect(seen).toHaveLength(1);
      expect(body.task?.value).toMatch(/could not post here: add the SQL Backup helper app/);
    } finally {
      await closeServer(refusing);
    }
  });

  it('refuses commands it does not declare and forged button data', async () => {
    const other = await post(invoke('composeExtension/fetchTask', { commandId: 'somethingElse', messagePayload: messagePayload(`<p>${CODE}</p>`) }, options()));
    expect(other.body.task?.type).toBe('message');
    const forged = await submit({ sqlbackup: { kind: 'share', entryIds: ['<script>'] } });
    // Nothing to post: the core's "no longer in the catalog", in the dialog.
    expect(postAction(dialogCard(forged.body))).toBeUndefined();
    const junk = await submit({ sqlbackup: { kind: 'drop-tables' } });
    expect(junk.body.task?.type).toBe('message');
    expect(connector.calls).toEqual([]);
  });
});
