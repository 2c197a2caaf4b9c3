/**
 * `npm run load [-- --rate 200 --duration 30 --both 0.1 --only memory|redis|restart --json]`
 *
 * Signed Slack events at a steady rate against real bot processes over HTTP, with a local
 * stand-in for the Slack Web API. Three scenarios in one run: one replica in memory mode;
 * two replicas behind one redis-server, load balanced round robin, with a share of events
 * delivered to both (as Slack retries and rebalancing do) to prove deduplication; and one
 * replica whose Redis is killed a third of the way through and restarted empty at two
 * thirds, with every event retried by "Slack" 2 s later, to prove none is lost or answered
 * twice across the outage and the restart.
 * Reports acknowledgement latency, answers posted, lost (must be 0), duplicated (must be
 * 0) and peak memory per replica; exits 1 if anything was lost or duplicated.
 * Bounded: at most 100,000 events, a fixed number of requests in flight, loopback only.
 * A third scenario (alerts, bench/load-alerts.ts) sends Azure Monitor alerts to two replicas
 * behind Redis: `--alert-rate 50 --alert-duration 30`, 200 databases, 20% repeats, 10%
 * duplicate deliveries; every problem must get exactly one root post.
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/index.ts';
import { botEnv, startBot, TEST_SIGNING_SECRET, type BotProcess } from '../testkit/bot-process.ts';
import { FakeSlackApi } from '../testkit/fake-slack-api.ts';
import { messageEvent, signedHeaders } from '../testkit/slack-events.ts';
import { redisServerPath, startRedis } from '../testkit/redis-server.ts';
import { runAlertLoad, type AlertLoadResult } from './load-alerts.ts';
import { percentile } from './measure.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    both: { type: 'string', default: '0.1' },
    'max-in-flight': { type: 'string', default: '256' },
    only: { type: 'string' },
    'alert-rate': { type: 'string', default: '50' },
    'alert-duration': { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});
const RATE = Number(values.rate);
const DURATION_S = Number(values.duration);
const BOTH = Number(values.both);
const MAX_IN_FLIGHT = Number(values['max-in-flight']);
const TOTAL = Math.min(Math.round(RATE * DURATION_S), 100_000);
if (
  !(RATE > 0 && RATE <= 2000 && DURATION_S > 0 && DURATION_S <= 600 && BOTH >= 0 && BOTH <= 1) ||
  !(Number.isInteger(MAX_IN_FLIGHT) && MAX_IN_FLIGHT >= 1) ||
  (values.only !== undefined && !['memory', 'redis', 'restart', 'alerts'].includes(values.only)) ||
  !(Number(values['alert-rate']) > 0 && Number(values['alert-rate']) <= 1000 && Number(values['alert-duration']) > 0 && Number(values['alert-duration']) <= 600)
) {
  throw new Error('--rate 1..2000, --duration 1..600 seconds, --both 0..1, --max-in-flight 1 or more, --only memory|redis|restart|alerts, --alert-rate 1..1000, --alert-duration 1..600');
}

interface Result {
  scenario: string;
  replicas: number;
  sent: number;
  deliveredToBoth: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  ackErrors: number;
  /** Why acknowledgements failed: timeout, reset, http-503... */
  ackErrorKinds: Record<string, number>;
  answered: number;
  lost: number;
  duplicated: number;
  sendSeconds: number;
  peakRssMb: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pastes the bot must answer: each catalog entry's code and first literal message, addressed to the bot. */
function pastes(): string[] {
  const out = loadCatalog()
    .entries.filter((e) => e.kind === 'error' && e.messages.length > 0)
    .map((e) => `<@UBOT> ${e.id}: ${e.messages[0]?.text ?? ''}`);
  if (out.length === 0) throw new Error('no catalog entries to paste');
  return out;
}

interface RunOptions {
  /** Sends every event again this long after the first time, as Slack does when it retries. */
  readonly retryAfterMs?: number;
  /** Work done just before the event with this index is sent (kill Redis, restart it). */
  readonly at?: ReadonlyMap<number, () => Promise<void>>;
}

async function run(scenario: string, bots: BotProcess[], slack: FakeSlackApi, options: RunOptions = {}): Promise<Result> {
  const texts = pastes();
  const acks: number[] = [];
  let ackErrors = 0;
  const ackErrorKinds: Record<string, number> = {};
  const failed = (kind: string) => {
    ackErrors++;
    ackErrorKinds[kind] = (ackErrorKinds[kind] ?? 0) + 1;
  };
  let inFlight = 0;
  let both = 0;
  let next = 0;
  const pending = new Set<Promise<void>>();
  const before = slack.calls.length;

  const send = async (bot: BotProcess, body: string, retryNum?: number): Promise<void> => {
    const started = performance.now();
    try {
      const headers = signedHeaders(TEST_SIGNING_SECRET, body, retryNum === undefined ? {} : { retryNum });
      const res = await fetch(`${bot.base}/slack/events`, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 200) acks.push(performance.now() - started);
      else failed(`http-${res.status}`);
    } catch (err) {
      const name = err instanceof Error ? (err.name === 'TimeoutError' ? 'timeout' : String((err.cause as { code?: string } | undefined)?.code ?? err.name)) : 'error';
      failed(name);
    }
  };

  const start = performance.now();
  for (let i = 0; i < TOTAL; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight >= MAX_IN_FLIGHT) await sleep(1);
    await options.at?.get(i)?.();
    const body = messageEvent({
      eventId: `Ev${scenario}${i}`,
      type: 'app_mention',
      // One conversation per event: the per-channel and per-user limits are not under test.
      channel: `C${scenario.toUpperCase()}${i}`,
      user: `U${i}`,
      text: texts[i % texts.length] ?? '',
    });
    const targets = bots.length > 1 && (i * 7919) % 1000 < BOTH * 1000 ? bots : [bots[next++ % bots.length] as BotProcess];
    if (targets.length > 1) both++;
    for (const bot of targets) {
      inFlight++;
      const p = send(bot, body).finally(() => {
        inFlight--;
        pending.delete(p);
      });
      pending.add(p);
      if (options.retryAfterMs !== undefined) {
        const retry = sleep(options.retryAfterMs)
          .then(() => send(bot, body, 1))
          .finally(() => pending.delete(retry));
        pending.add(retry);
      }
    }
  }
  // Retries scheduled last are still waiting: everything sent must have been acknowledged.
  while (pending.size > 0) await Promise.all(pending);
  const sendSeconds = (performance.now() - start) / 1000;

  // Answers go out after the ack: wait until every event is answered or nothing moves for 10 s.
  const postsPerChannel = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const call of slack.calls.slice(before)) {
      if (call.method !== 'chat.postMessage') continue;
      const ch = String(call.args['channel']);
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    return counts;
  };
  let last = -1;
  let still = performance.now();
  for (;;) {
    const n = slack.calls.length;
    if (postsPerChannel().size >= TOTAL && performance.now() - still > 1000) break;
    if (n !== last) {
      last = n;
      still = performance.now();
    } else if (performance.now() - still > 10_000) break;
    await sleep(200);
  }

  const counts = postsPerChannel();
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < TOTAL; i++) {
    const c = counts.get(`C${scenario.toUpperCase()}${i}`) ?? 0;
    if (c === 0) lost++;
    if (c > 1) duplicated += c - 1;
  }
  acks.sort((a, b) => a - b);
  return {
    scenario,
    replicas: bots.length,
    sent: TOTAL,
    deliveredToBoth: both,
    ackP50Ms: round(percentile(acks, 0.5)),
    ackP99Ms: round(percentile(acks, 0.99)),
    ackMaxMs: round(acks.at(-1) ?? Number.NaN),
    ackErrors,
    ackErrorKinds,
    answered: [...counts.values()].filter((c) => c > 0).length,
    lost,
    duplicated,
    sendSeconds: round(sendSeconds),
    peakRssMb: bots.map((b) => round((b.peakRss() ?? Number.NaN) / 1024 / 1024)),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<number> {
  const slack = await new FakeSlackApi({ record: 'light' }).start();
  const results: Result[] = [];
  let alerts: AlertLoadResult | undefined;
  const quiet = { LOG_LEVEL: 'warn' };
  try {
    if (values.only === undefined || values.only === 'memory') {
      const bot = await startBot('memory', botEnv({ slackApiUrl: slack.url, extra: quiet }));
      try {
        results.push(await run('mem', [bot], slack));
      } finally {
        await bot.stop();
      }
    }
    if (values.only === undefined || values.only === 'redis') {
      if (!redisServerPath()) throw new Error('redis-server not found: apt-get install -y redis-server (or --only memory)');
      const redis = await startRedis();
      const bots = await Promise.all(['a', 'b'].map((n) => startBot(n, botEnv({ slackApiUrl: slack.url, redisUrl: redis.url, extra: quiet }))));
      try {
        results.push(await run('red', bots, slack));
      } finally {
        await Promise.all(bots.map((b) => b.stop()));
        await redis.stop();
      }
    }
    if (values.only === undefined || values.only === 'restart') {
      if (!redisServerPath()) throw new Error('redis-server not found: apt-get install -y redis-server (or --only memory)');
      const redis = await startRedis();
      const bot = await startBot('restart', botEnv({ slackApiUrl: slack.url, redisUrl: redis.url, extra: quiet }));
      const at = new Map([
        [Math.floor(TOTAL / 3), () => redis.kill()],
        [Math.floor((TOTAL * 2) / 3), () => redis.restart()],
      ]);
      try {
        results.push(await run('rst', [bot], slack, { retryAfterMs: 2000, at }));
      } finally {
        await bot.stop();
        await redis.stop();
      }
    }
    if (values.only === undefined || values.only === 'alerts') {
      if (!redisServerPath()) throw new Error('redis-server not found: apt-get install -y redis-server (or --only memory)');
      alerts = await runAlertLoad(slack, { rate: Number(values['alert-rate']), durationS: Number(values['alert-duration']), databases: 200, repeatShare: 0.2, duplicateShare: 0.1 });
    }
  } finally {
    await slack.stop();
  }

  if (values.json) console.log(JSON.stringify({ rate: RATE, durationS: DURATION_S, results, alerts }));
  else if (results.length > 0) {
    console.log(`load: ${RATE} events/s for ${DURATION_S} s (${TOTAL} events per scenario), ${Math.round(BOTH * 100)}% of two-replica events delivered to both`);
    console.table(
      results.map((r) => ({
        scenario: r.scenario === 'mem' ? '1 replica, memory' : r.scenario === 'red' ? '2 replicas, Redis' : '1 replica, Redis killed and restarted, all retried',
        'ack p50 ms': r.ackP50Ms,
        'ack p99 ms': r.ackP99Ms,
        'ack max ms': r.ackMaxMs,
        'ack errors': r.ackErrors === 0 ? 0 : `${r.ackErrors} ${JSON.stringify(r.ackErrorKinds)}`,
        sent: r.sent,
        'to both': r.deliveredToBoth,
        answered: r.answered,
        lost: r.lost,
        duplicated: r.duplicated,
        'peak RSS MB': r.peakRssMb.join(' / '),
      })),
    );
  }
  if (alerts && !values.json) {
    console.log(`alerts: ${values['alert-rate']} alerts/s for ${values['alert-duration']} s over 200 databases, 2 replicas behind Redis`);
    console.table([
      {
        sent: alerts.sent,
        repeats: alerts.repeats,
        duplicates: alerts.duplicates,
        problems: alerts.problems,
        roots: alerts.roots,
        lost: alerts.lost,
        'duplicated roots': alerts.duplicatedRoots,
        'webhook p50 ms': alerts.ackP50Ms,
        'webhook p99 ms': alerts.ackP99Ms,
        'ack errors': alerts.ackErrors,
        'peak RSS MB': alerts.peakRssMb.join(' / '),
      },
    ]);
  }
  const alertsOk = !alerts || (alerts.lost === 0 && alerts.duplicatedRoots === 0 && alerts.ackErrors === 0);
  return alertsOk && results.every((r) => r.lost === 0 && r.duplicated === 0 && r.ackErrors === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
