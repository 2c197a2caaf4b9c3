import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { redisAvailability } from '../../testkit/redis-server.ts';
import { useTwoReplicas } from '../../testkit/bot-process.ts';
import type { SlackCall } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';

/**
 * The claim that matters for running several copies: two real bot processes sharing one
 * real Redis behave like one bot. Slack's retries and a load balancer can deliver the same
 * event to both; a thread can continue on the other replica.
 */

const redis = redisAvailability();
const ENTRY = 'UserErrorSQLLSNValidationFailure';

const textOf = (call: SlackCall): string => JSON.stringify([call.args['text'], call.args['blocks']]);

describe.skipIf(!redis.available)('two replicas behind one Redis', () => {
  const replicas = useTwoReplicas();

  it('answers an event delivered to both replicas exactly once', async () => {
    const ts = nextTs();
    const channel = 'C0DEDUPE';
    const body = messageEvent({ eventId: 'Ev0DEDUPE1', type: 'app_mention', channel, ts, text: `<@UBOT> ${ENTRY}: Log chain is broken.` });
    // Both at once, plus Slack's own retry of the same event to replica B a moment later.
    const statuses = await Promise.all([replicas.a.deliver(body), replicas.b.deliver(body)]);
    expect(statuses).toEqual([200, 200]);
    expect(await replicas.b.deliver(body, { retryNum: 1 })).toBe(200);

    await replicas.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel));
    // Give the losing replica time to (wrongly) answer too.
    await new Promise((r) => setTimeout(r, 1500));
    const answers = replicas.slack.posts((c) => c.args['channel'] === channel);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.args['thread_ts']).toBe(ts);
    expect(textOf(answers[0] as SlackCall)).toContain('log chain');
  });

  it('answers a follow-up on replica B in the context of the paste replica A answered', async () => {
    const catalog = loadCatalog();
    const autoHeal = catalog.get(ENTRY)?.facets.find((f) => f.topic === 'auto-heal');
    expect(autoHeal, 'catalog entry with an auto-heal facet').toBeDefined();

    const channel = 'C0FOLLOW';
    const root = nextTs();
    expect(await replicas.a.deliver(messageEvent({ eventId: 'Ev0PASTE01', type: 'app_mention', channel, ts: root, text: `<@UBOT> ${ENTRY}: Log chain is broken.` }))).toBe(200);
    await replicas.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel));

    // The question names no error: only the thread's remembered context can answer it.
    const question = messageEvent({ eventId: 'Ev0FOLLOW1', channel, threadTs: root, text: 'will it fix itself?' });
    expect(await replicas.b.deliver(question)).toBe(200);
    await replicas.slack.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel).length >= 2);
    const followUp = replicas.slack.posts((c) => c.args['channel'] === channel)[1] as SlackCall;
    expect(followUp.args['thread_ts']).toBe(root);
    // The first words of the facet the catalog holds for this entry's auto-heal question.
    const opening = (autoHeal?.answer ?? '').split(/[.!?]/)[0]?.slice(0, 40) ?? '';
    expect(opening.length).toBeGreaterThan(10);
    expect(textOf(followUp)).toContain(opening);

    // The same question in a thread no replica answered gets nothing: the context was the cause.
    const stranger = nextTs();
    expect(await replicas.b.deliver(messageEvent({ eventId: 'Ev0FOLLOW2', channel: 'C0OTHER', threadTs: stranger, text: 'will it fix itself?' }))).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(replicas.slack.posts((c) => c.args['channel'] === 'C0OTHER')).toHaveLength(0);
  });
});
