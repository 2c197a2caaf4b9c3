import { randomBytes } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { blockKitViolations } from '../../bot/cards/slack-limits.ts';
import { FULL_READ_CHARS, HEAD_CHARS, TAIL_CHARS } from '../../intents/normalize.ts';
import { createHttpServer, type HttpServer } from '../../bot/http/server.ts';
import { silentLogger } from '../../bot/ops/logger.ts';
import { mountTeams } from '../../bot/teams/mount.ts';
import { message } from '../teams/activities.ts';
import { coreDeps } from '../teams/core-deps.ts';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.ts';
import { nodesOf, validateCard } from '../teams/validate-card.ts';
import { botEnv, startBot, TEST_SIGNING_SECRET, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi, type SlackCall } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs, signedHeaders, slashCommand } from '../../testkit/slack-events.ts';

/**
 * Everything a hostile or careless client can send, against a real bot process over HTTP.
 * Each case asserts what a user would see: an answer in bounded time, nobody pinged, a
 * valid card, a refusal with the right status, and the bot still answering afterwards.
 */

const BODY_LIMIT = 256 * 1024;
const ENTRY = 'UserErrorSQLLSNValidationFailure';
const OTHER = 'UserErrorSQLNoSysadminMembership';
const slack = new FakeSlackApi();
let bot: BotProcess;
let seq = 0;

beforeAll(async () => {
  await slack.start();
  bot = await startBot('hostile', botEnv({ slackApiUrl: slack.url, extra: { BODY_LIMIT_BYTES: String(BODY_LIMIT), RATE_LIMIT_USER: '3' } }));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await slack.stop();
});

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${bot.base}/slack/events`, { method: 'POST', headers, body });
}

/** Mentions the bot with `text` in a fresh channel; resolves with the ack time and the posts in that channel. */
async function mention(text: string, user = `U0H${++seq}`): Promise<{ status: number; ackMs: number; channel: string; ts: string }> {
  const channel = `C0H${++seq}`;
  const ts = nextTs();
  const body = messageEvent({ eventId: `Ev0H${seq}`, type: 'app_mention', channel, user, ts, text: `<@UBOT> ${text}` });
  const started = performance.now();
  const res = await post(body, signedHeaders(TEST_SIGNING_SECRET, body));
  return { status: res.status, ackMs: performance.now() - started, channel, ts };
}

async function answerIn(channel: string, timeoutMs = 5000): Promise<SlackCall> {
  await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel), timeoutMs);
  return slack.posts((c) => c.args['channel'] === channel)[0] as SlackCall;
}

const rendered = (call: SlackCall): string => JSON.stringify([call.args['text'], call.args['blocks']]);

async function stillAnswers(): Promise<void> {
  const probe = await mention(`${ENTRY}: Log chain is broken.`);
  expect(rendered(await answerIn(probe.channel))).toContain(loadCatalog().get(ENTRY)?.title ?? '??');
}

describe('oversized pastes', () => {
  it(`reads a paste over ${FULL_READ_CHARS / 1024} KB by its start and end, still finds codes in the middle, and says so`, async () => {
    const catalog = loadCatalog();
    const filler = (chars: number) => 'INFO backup agent heartbeat ok\n'.repeat(Math.ceil(chars / 31));
    // ENTRY opens the paste; OTHER sits deep in the middle, outside the part read in full.
    const paste = `${ENTRY}: Log chain is broken.\n${filler(HEAD_CHARS + 20_000)}${OTHER}\n${filler(TAIL_CHARS + 20_000)}`;
    expect(paste.length).toBeGreaterThan(FULL_READ_CHARS);
    const sent = await mention(paste);
    expect(sent.status).toBe(200);
    await answerIn(sent.channel);
    await new Promise((r) => setTimeout(r, 500));
    const answer = slack.posts((c) => c.args['channel'] === sent.channel).map(rendered).join('\n');
    expect(answer).toContain(catalog.get(ENTRY)?.title);
    expect(answer).toContain(catalog.get(OTHER)?.title);
    expect(answer).toMatch(/your message was long|part of it/i);
  });

  it('does not add the note to a paste read in full', async () => {
    const sent = await mention(`${ENTRY}: Log chain is broken.`);
    expect(rendered(await answerIn(sent.channel))).not.toMatch(/your message was long|part of it/i);
  });

  it('refuses a request body above the limit with 413 and keeps serving', async () => {
    const body = messageEvent({ eventId: 'Ev0HUGE', type: 'app_mention', text: `<@UBOT> ${'x'.repeat(BODY_LIMIT + 1)}` });
    const res = await post(body, signedHeaders(TEST_SIGNING_SECRET, body));
    expect(res.status).toBe(413);
    await stillAnswers();
  });
});

describe('input that is expensive, broken or invisible', () => {
  const cases: [string, string][] = [
    ['catastrophic-backtracking bait', `${'a'.repeat(30_000)}!${'(('.repeat(5000)}${'UserError'.repeat(2000)}`],
    ['one 60 KB word', 'x'.repeat(60_000)],
    ['thousands of code-like tokens', Array.from({ length: 8000 }, (_, i) => `UserErrorFake${i}`).join(' ')],
    ['binary junk', randomBytes(30_000).toString('latin1')],
    ['NUL bytes and lone surrogates', `\u0000\u0000\uD800 ${ENTRY} \uDFFF\u0000`],
    ['zero-width and right-to-left characters inside the code', `\u202EUser\u200BError\u200DSQLLSN\u2060Validation\uFEFFFailure\u202C`],
    ['emoji and combining marks', `${'🔥'.repeat(2000)}${'e\u0301'.repeat(3000)}`],
  ];

  for (const [name, text] of cases) {
    it(`${name}: acknowledged fast and answered in bounded time`, async () => {
      const sent = await mention(text);
      expect(sent.status).toBe(200);
      // Slack retries what is not acknowledged within 3 s.
      expect(sent.ackMs).toBeLessThan(2500);
      const answer = await answerIn(sent.channel, 5000);
      expect(blockKitViolations((answer.args['blocks'] ?? []) as KnownBlock[])).toEqual([]);
    });
  }

  it('still recognises a code split by invisible characters', async () => {
    const sent = await mention(`\u202EUser\u200BError\u200DSQLLSN\u2060Validation\uFEFFFailure\u202C`);
    expect(rendered(await answerIn(sent.channel))).toContain(loadCatalog().get(ENTRY)?.title);
  });

  it('a signed body that is not JSON gets 400, not a crash', async () => {
    const body = '{"type":"event_callback","event":';
    const res = await post(body, signedHeaders(TEST_SIGNING_SECRET, body));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await stillAnswers();
  });
});

describe('forged and replayed requests', () => {
  const event = (id: string) => messageEvent({ eventId: id, type: 'app_mention', channel: `C0F${id}`, text: `<@UBOT> ${ENTRY}` });

  it('refuses a wrong signature, a missing one, a tampered body and a stale timestamp with 401, and posts nothing', async () => {
    const body = event('FORGED1');
    const wrong = await post(body, signedHeaders('0123456789abcdef0123456789abcdef', body));
    const missing = await post(body, { 'content-type': 'application/json' });
    const signed = signedHeaders(TEST_SIGNING_SECRET, body);
    const tampered = await post(body.replace(ENTRY, 'UserErrorPermissionDenied'), signed);
    const staleTs = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await post(body, signedHeaders(TEST_SIGNING_SECRET, body, { timestamp: staleTs }));
    expect([wrong.status, missing.status, tampered.status, stale.status]).toEqual([401, 401, 401, 401]);
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.posts((c) => c.args['channel'] === 'C0FFORGED1')).toHaveLength(0);
  });

  it('answers a replayed delivery once', async () => {
    const body = event('REPLAY1');
    for (let i = 0; i < 3; i++) expect((await post(body, signedHeaders(TEST_SIGNING_SECRET, body))).status).toBe(200);
    await answerIn('C0FREPLAY1');
    await new Promise((r) => setTimeout(r, 1000));
    expect(slack.posts((c) => c.args['channel'] === 'C0FREPLAY1')).toHaveLength(1);
  });
});

describe('markup injection', () => {
  const pings = ['<!channel>', '<!here>', '<!everyone>', '<@U0VICTIM>', '<!subteam^S0DBA>', '<https://evil.example|docs>'];
  const hostile = `${pings.join(' ')} @channel @here *bold _it ~x \`\`\` ${'`'.repeat(7)} > quote`;

  const assertInert = (call: SlackCall): void => {
    const out = rendered(call);
    for (const p of pings) expect(out).not.toContain(p);
    expect(out).not.toMatch(/(?<!\u2060)@(channel|here)\b/);
    expect(call.args['link_names']).not.toBe(true);
    expect(call.args['link_names']).not.toBe('true');
    expect(blockKitViolations((call.args['blocks'] ?? []) as KnownBlock[])).toEqual([]);
  };

  it('an answer echoing a mention cannot ping anyone or break the card', async () => {
    const sent = await mention(hostile);
    assertInert(await answerIn(sent.channel));
  });

  it('a slash command echoing its text cannot ping anyone', async () => {
    const channel = 'C0HSLASH';
    const body = slashCommand({ text: hostile, channel, user: 'U0SLASH' });
    const res = await post(body, signedHeaders(TEST_SIGNING_SECRET, body, { contentType: 'application/x-www-form-urlencoded' }));
    expect(res.status).toBe(200);
    const inline = await res.text();
    for (const p of pings) expect(inline).not.toContain(p);
    await new Promise((r) => setTimeout(r, 1000));
    for (const call of slack.posts((c) => c.args['channel'] === channel)) assertInert(call);
  });
});

describe('rate limits', () => {
  it('answers up to the per-user limit, then one polite note, then silence', async () => {
    const user = 'U0FLOOD';
    const channels: string[] = [];
    for (let i = 0; i < 8; i++) {
      const sent = await mention(`${ENTRY}: Log chain is broken.`, user);
      expect(sent.status).toBe(200);
      channels.push(sent.channel);
    }
    await slack.waitFor((calls) => calls.filter((c) => c.method === 'chat.postEphemeral' && c.args['user'] === user).length >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    const inFlood = (c: SlackCall) => channels.includes(String(c.args['channel']));
    const answers = slack.calls.filter((c) => c.method === 'chat.postMessage' && inFlood(c));
    const notes = slack.calls.filter((c) => c.method === 'chat.postEphemeral' && inFlood(c));
    expect(answers).toHaveLength(3);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.args['user']).toBe(user);
    expect(rendered(notes[0] as SlackCall)).toMatch(/limit/i);
  });
});

describe('Teams: hostile activities', () => {
  let server: HttpServer;
  let connector: FakeConnector;
  let url = '';
  beforeAll(async () => {
    connector = await startFakeConnector();
    server = createHttpServer();
    mountTeams(server.app, { config: { auth: 'none' }, core: coreDeps(), logger: silentLogger(), bodyLimitBytes: BODY_LIMIT });
    url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/messages`;
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
  });
  const send = (text: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(text, { serviceUrl: connector.serviceUrl })) });

  it('refuses an activity above the body limit with 413 and keeps serving', async () => {
    expect((await send('x'.repeat(BODY_LIMIT + 1))).status).toBe(413);
    const before = connector.calls.length;
    expect((await send(ENTRY)).status).toBe(200);
    expect(connector.calls.length).toBeGreaterThan(before);
  });

  it('markup in the message cannot mention anyone, add links or break the card', async () => {
    const hostile = '<at>Everyone</at> <at>General</at> [click](https://evil.example) **bold** {{DATE(2020-01-01T00:00:00Z)}} # heading';
    const before = connector.calls.length;
    expect((await send(`search ${hostile}`)).status).toBe(200);
    const replies = connector.calls.slice(before);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      const body = reply.body;
      expect(JSON.stringify(body.entities ?? [])).not.toMatch(/"mention"/);
      expect(JSON.stringify(body.text ?? '')).not.toContain('<at>');
      for (const attachment of (body.attachments ?? []) as { content: unknown }[]) {
        expect(validateCard(attachment.content)).toEqual([]);
        expect(JSON.stringify(attachment.content)).not.toMatch(/"msteams"\s*:\s*\{[^}]*"entities"/);
        // Markdown is rendered only in TextBlocks: none of them may carry the user's text.
        const blocks = nodesOf(attachment.content).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
        for (const text of blocks) {
          for (const piece of ['<at>', '](https://evil', '{{DATE', '**bold**']) expect(text).not.toContain(piece);
        }
        for (const run of nodesOf(attachment.content).filter((n) => n.type === 'TextRun')) {
          expect(String(run.text)).not.toContain('{{DATE');
        }
      }
    }
  });
});
