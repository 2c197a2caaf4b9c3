import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBot, TEST_SIGNING_SECRET, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs, signedHeaders } from '../../testkit/slack-events.ts';

/**
 * A deploy sends SIGTERM while an answer is still being worked on (Slack was already
 * acknowledged, so it will not resend). The answer must still go out, the process must
 * stop taking work and exit cleanly.
 */

const slack = new FakeSlackApi();
let bot: BotProcess;

beforeAll(async () => {
  await slack.start();
  bot = await startBot('shutdown', botEnv({ slackApiUrl: slack.url }));
}, 60_000);
afterAll(async () => {
  await bot?.stop('SIGKILL');
  await slack.stop();
});

describe('SIGTERM', () => {
  it('finishes the answer in flight, refuses new work, and exits 0', async () => {
    slack.inject('chat.postMessage', { kind: 'delay', ms: 2500 });
    const body = messageEvent({ eventId: 'Ev0TERM1', type: 'app_mention', channel: 'C0TERM', ts: nextTs(), text: '<@UBOT> UserErrorSQLLSNValidationFailure: Log chain is broken.' });
    const res = await fetch(`${bot.base}/slack/events`, { method: 'POST', headers: signedHeaders(TEST_SIGNING_SECRET, body), body });
    expect(res.status).toBe(200);
    // The answer is on its way to Slack (slowly) when the signal arrives.
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C0TERM'));
    const exited = bot.stop('SIGTERM');

    await new Promise((r) => setTimeout(r, 300));
    const ready = await fetch(`${bot.base}/readyz`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(ready);
    const late = messageEvent({ eventId: 'Ev0TERM2', type: 'app_mention', channel: 'C0LATE', ts: nextTs(), text: '<@UBOT> UserErrorSQLLSNValidationFailure' });
    const lateStatus = await fetch(`${bot.base}/slack/events`, { method: 'POST', headers: signedHeaders(TEST_SIGNING_SECRET, late), body: late }).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(lateStatus);

    expect(await exited).toBe(0);
    // The process outlived the slow post: Slack's stand-in had answered it before the exit.
    const post = slack.posts((c) => c.args['channel'] === 'C0TERM')[0];
    expect(Date.now()).toBeGreaterThanOrEqual((post?.at ?? Infinity) + 2500);
    expect(bot.logs.some((l) => l['level'] === 'error')).toBe(false);
    expect(slack.posts((c) => c.args['channel'] === 'C0LATE')).toHaveLength(0);
  }, 30_000);
});
