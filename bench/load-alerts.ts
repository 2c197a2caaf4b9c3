import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botEnv, startBot, type BotProcess } from '../testkit/bot-process.ts';
import type { FakeSlackApi } from '../testkit/fake-slack-api.ts';
import { startRedis } from '../testkit/redis-server.ts';
import { percentile } from './measure.ts';

/**
 * The alerts scenario of `npm run load`: Azure Monitor alerts at a steady rate into two bot
 * processes behind one redis-server, round robin, over a fleet of databases. A share are
 * repeats (a new alert id for a problem already open) and a share are duplicate deliveries
 * (the same alert again, to the other replica, as an action group retry would). Every
 * problem must get exactly one root post: none lost, none duplicated.
 */

export interface AlertLoadOptions {
  readonly rate: number;
  readonly durationS: number;
  readonly databases: number;
  readonly repeatShare: number;
  readonly duplicateShare: number;
}

export interface AlertLoadResult {
  readonly sent: number;
  readonly duplicates: number;
  readonly repeats: number;
  readonly problems: number;
  readonly roots: number;
  readonly lost: number;
  readonly duplicatedRoots: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly ackErrors: number;
  readonly peakRssMb: number[];
}

const TOKEN = 'loadtest-alert-token-0123456789abcdef0123';
const CHANNEL = 'CALERTLOAD';
const FIXTURES = ['backup-failure', 'restore-failure', 'unsupported-backup-type', 'workload-extension-unhealthy'];
const RULES = ['Backup Failure', 'Restore Failure', 'Unsupported backup type', 'Workload extension unhealthy'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 10) / 10;

interface Template {
  data: { essentials: Record<string, unknown>; alertContext: Record<string, unknown> };
}

function templates(): Template[] {
  return FIXTURES.map((n) => JSON.parse(readFileSync(new URL(`../test/fixtures/alerts/${n}.json`, import.meta.url), 'utf8')) as Template);
}

/** One alert of problem (db, kind): the database name goes into every id that names it. */
function alertOf(t: Template, db: number, alertId: string): string {
  const name = `DB${String(db).padStart(3, '0')}`;
  const copy = structuredClone(t);
  const rename = (s: unknown) => (typeof s === 'string' ? s.replace(/SQLDataBase;([^;]+);[^/;]+$/, `SQLDataBase;$1;${name}`) : s);
  copy.data.essentials['alertId'] = alertId;
  copy.data.essentials['firedDateTime'] = new Date().toISOString();
  for (const k of ['sourceId', 'protectedItemId', 'affectedItems']) copy.data.alertContext[k] = rename(copy.data.alertContext[k]);
  return JSON.stringify(copy);
}

export async function runAlertLoad(slack: FakeSlackApi, o: AlertLoadOptions): Promise<AlertLoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'alert-load-'));
  const routes = join(dir, 'routes.yaml');
  writeFileSync(routes, `routes:\n  - { platform: slack, team: T0001, channel: ${CHANNEL} }\n`);
  const redis = await startRedis();
  const extra = { LOG_LEVEL: 'warn', ALERT_WEBHOOK_TOKEN: TOKEN, ALERT_ROUTES_FILE: routes };
  const bots: BotProcess[] = await Promise.all(['a', 'b'].map((n) => startBot(`alerts-${n}`, botEnv({ slackApiUrl: slack.url, redisUrl: redis.url, extra }))));
  const before = slack.calls.length;
  const kinds = templates();
  const total = Math.min(Math.round(o.rate * o.durationS), 100_000);
  const acks: number[] = [];
  let ackErrors = 0;
  let duplicates = 0;
  let repeats = 0;
  const problems = new Set<string>();
  const sentBodies: { body: string; to: number }[] = [];
  const pending = new Set<Promise<void>>();
  // Deterministic "random" so two runs send the same mix.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  const send = async (bot: BotProcess, body: string) => {
    const started = performance.now();
    try {
      const res = await fetch(`${bot.base}/alerts/azure-monitor?token=${TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 202) acks.push(performance.now() - started);
      else ackErrors++;
    } catch {
      ackErrors++;
    }
  };

  const opened: [number, number][] = [];
  const start = performance.now();
  try {
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / o.rate - performance.now();
      if (wait > 1) await sleep(wait);
      let body: string;
      let to = i % 2;
      const r = rnd();
      const earlier = sentBodies[Math.floor(rnd() * sentBodies.length)];
      if (r < o.duplicateShare && earlier) {
        // An action group retry: the same delivery, to the other replica.
        duplicates++;
        body = earlier.body;
        to = 1 - earlier.to;
      } else {
        const reuse = r < o.duplicateShare + o.repeatShare && opened.length > 0;
        const [db, kind] = reuse ? opened[Math.floor(rnd() * opened.length)]! : [Math.floor(rnd() * o.databases), Math.floor(rnd() * kinds.length)];
        if (reuse) repeats++;
        problems.add(`${db}:${kind}`);
        opened.push([db, kind]);
        body = alertOf(kinds[kind]!, db, `/subscriptions/load/providers/Microsoft.AlertsManagement/alerts/load-${i}`);
        sentBodies.push({ body, to });
      }
      const p = send(bots[to]!, body).finally(() => pending.delete(p));
      pending.add(p);
    }
    await Promise.all(pending);

    // Posts follow the 202: wait until every problem has its root or nothing moves for 10 s.
    const rootsOf = () => {
      const counts = new Map<string, number>();
      for (const c of slack.calls.slice(before)) {
        if (c.method !== 'chat.postMessage' || c.args['channel'] !== CHANNEL || c.args['thread_ts'] !== undefined) continue;
        const text = typeof c.args['text'] === 'string' ? c.args['text'] : '';
        const kind = RULES.findIndex((rule) => text.startsWith(`${rule} · `));
        const db = /· DB(\d{3})/.exec(text)?.[1];
        const key = `${Number(db)}:${kind}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    let last = -1;
    let still = performance.now();
    while (rootsOf().size < problems.size || performance.now() - still < 1000) {
      const n = slack.calls.length;
      if (n !== last) {
        last = n;
        still = performance.now();
      } else if (performance.now() - still > 10_000) break;
      await sleep(200);
    }
    const counts = rootsOf();
    acks.sort((a, b) => a - b);
    return {
      sent: total,
      duplicates,
      repeats,
      problems: problems.size,
      roots: [...counts.values()].reduce((a, b) => a + b, 0),
      lost: [...problems].filter((p) => !counts.has(p)).length,
      duplicatedRoots: [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
      ackP50Ms: round(percentile(acks, 0.5)),
      ackP99Ms: round(percentile(acks, 0.99)),
      ackErrors,
      peakRssMb: bots.map((b) => round((b.peakRss() ?? Number.NaN) / 1024 / 1024)),
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await redis.stop();
  }
}
