import { describe, expect, it } from 'vitest';
import { redisAvailability } from '../../testkit/redis-server.ts';
import { useTwoReplicas, type BotProcess } from '../../testkit/bot-process.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';

/**
 * Redis dies under two running replicas and comes back. Users must keep getting answers,
 * operators must get one warning per replica (not one per message), and shared state must
 * resume by itself.
 */

const redis = redisAvailability();
const PASTE = '<@UBOT> UserErrorSQLLSNValidationFailure: Log chain is broken.';

describe.skipIf(!redis.available)('Redis lost under running replicas', () => {
  const replicas = useTwoReplicas();
  let n = 0;

  const answers = (channel: string) => replicas.slack.posts((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel).length;
  const warnings = (bot: BotProcess) => bot.logs.filter((l) => l['level'] === 'warn' && String(l['msg']).includes('shared store unreachable')).length;

  it('keeps answering with one warning per replica, reports not ready, and resumes shared state when Redis returns', async () => {
    const { a, b } = replicas;
    await replicas.redis.kill();
    const channels = Array.from({ length: 10 }, (_, i) => `C0OUT${i}`);
    for (const [i, channel] of channels.entries()) {
      const bot = i % 2 === 0 ? a : b;
      expect(await bot.deliver(messageEvent({ eventId: `Ev0OUT${++n}`, type: 'app_mention', channel, ts: nextTs(), text: PASTE }))).toBe(200);
    }
    await replicas.slack.waitFor(() => channels.every((c) => answers(c) >= 1), 15_000);
    expect(warnings(a)).toBe(1);
    expect(warnings(b)).toBe(1);
    expect((await fetch(`${a.base}/readyz`)).status).toBe(503);
    expect((await fetch(`${a.base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${a.base}/metrics`)).text()).toMatch(/sqlbackup_store_degraded 1/);

    await replicas.redis.restart();
    await expect.poll(async () => (await fetch(`${a.base}/readyz`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    await expect.poll(async () => (await fetch(`${b.base}/readyz`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    expect(a.logs.some((l) => String(l['msg']).includes('reachable again'))).toBe(true);

    // Shared again: only Redis can stop the second replica from answering this a second time.
    const body = messageEvent({ eventId: 'Ev0BACK1', type: 'app_mention', channel: 'C0BACK', ts: nextTs(), text: PASTE });
    await Promise.all([a.deliver(body), b.deliver(body)]);
    await replicas.slack.waitFor(() => answers('C0BACK') >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(answers('C0BACK')).toBe(1);
    expect(warnings(a) + warnings(b)).toBe(2);
  }, 60_000);
});
