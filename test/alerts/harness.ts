import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { readAlertsConfig } from '../../bot/alerts/config.ts';
import { startAlerts, type AlertsSide } from '../../bot/alerts/start.ts';
import { DEFAULT_LIMITS, type CoreDeps } from '../../bot/core/deps.ts';
import { buildBotServer, type BotServer } from '../../bot/http/bot-server.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { createMetrics } from '../../bot/ops/metrics.ts';
import { slackPlatform } from '../../bot/slack/platform.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import type { Store } from '../../bot/store/store.ts';
import { teamsPlatform } from '../../bot/teams/platform.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { signedHeaders } from '../../testkit/slack-events.ts';
import { ResponseUrlServer } from '../slack/response-url.ts';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.ts';

export const ALERT_TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90alerttoken';
export const SIGNING_SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const BOT_TOKEN = 'xoxb-1234-5678-alertstesttoken';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/alerts/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** A fixture as another alert of the same problem: a new alert id, fired later. */
export function another(name: string, n: number, firedAt: string): Record<string, unknown> {
  const copy = structuredClone(fixture(name)) as { data: { essentials: Record<string, unknown> } };
  copy.data.essentials['alertId'] = `${String(copy.data.essentials['alertId'])}-repeat-${n}`;
  copy.data.essentials['firedDateTime'] = firedAt;
  return copy;
}

export interface AlertBot {
  readonly base: string;
  readonly slack: FakeSlackApi;
  readonly hooks: ResponseUrlServer;
  readonly connector: FakeConnector;
  readonly logs: ReturnType<typeof captureLogger>;
  readonly metrics: ReturnType<typeof createMetrics>;
  readonly alerts: AlertsSide;
  /** The clock the core reads; tests move it forward. */
  advance(ms: number): void;
  /** The clock's time as Azure writes it (firedDateTime), `offsetMs` from now. */
  at(offsetMs?: number): string;
  /** POSTs an alert to the webhook (token in the URL unless given otherwise). */
  sendAlert(body: unknown, o?: { token?: string | null; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; json: Record<string, unknown> }>;
  /** A signed Slack request (slash command, event or interaction) into /slack/events. */
  slackSend(body: string, contentType?: string): Promise<number>;
  /** A Teams activity into /api/messages. */
  teamsSend(activity: Partial<Activity>): Promise<number>;
  /** Resolves once the bot has no accepted alert left in progress. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface AlertBotOptions {
  readonly env?: Record<string, string>;
  readonly store?: Store;
  readonly slack?: FakeSlackApi;
  readonly connector?: FakeConnector;
  readonly bodyLimitBytes?: number;
}

/** Short backoff, so the retry tests take milliseconds. */
const RETRY = { attempts: 3, baseMs: 20 };

/**
 * The real bot in this process: core, both platforms behind their boundary, the alerts
 * webhook and desk, on one port. Only Slack's Web API, response_url and the Bot Framework
 * connector are stand-ins (recording servers on loopback).
 */
export async function startAlertBot(options: AlertBotOptions = {}): Promise<AlertBot> {
  const slack = options.slack ?? (await new FakeSlackApi().start());
  const hooks = await new ResponseUrlServer().start();
  const connector = options.connector ?? (await startFakeConnector());
  const logs = captureLogger({ secrets: [BOT_TOKEN, SIGNING_SECRET, ALERT_TOKEN] });
  const metrics = createMetrics({ defaultMetrics: false });
  let now = Date.parse('2026-03-13T12:00:00Z');
  const store = options.store ?? createMemoryStore();
  const core: CoreDeps = { catalog, classifier, store, clock: () => now, limits: DEFAULT_LIMITS, logger: logs.logger, metrics };
  const bodyLimit = options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes };
  const server: BotServer = buildBotServer({
    platforms: [
      slackPlatform({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: null, apiUrl: slack.url }),
      teamsPlatform({ auth: 'none' }, { local: false, playground: false }),
    ],
    core,
    logger: logs.logger,
    metrics,
    ...bodyLimit,
  });
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    const tracked = server.track(work);
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked)).catch(() => undefined);
    return tracked;
  };
  const alerts = startAlerts({
    config: readAlertsConfig({ ALERT_WEBHOOK_TOKEN: ALERT_TOKEN, ...options.env }),
    core,
    platforms: server.platforms,
    http: server.http.app,
    registry: metrics.registry,
    track,
    retry: RETRY,
    ...bodyLimit,
  });
  const port = await server.start(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    slack,
    hooks,
    connector,
    logs,
    metrics,
    alerts,
    advance(ms) {
      now += ms;
    },
    at: (offsetMs = 0) => new Date(now + offsetMs).toISOString(),
    async sendAlert(body, o = {}) {
      const token = o.token === undefined ? ALERT_TOKEN : o.token;
      const url = `${base}/alerts/azure-monitor${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...o.headers }, body: o.raw ?? JSON.stringify(body) });
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = { _raw: text };
      }
      return { status: res.status, json };
    },
    async slackSend(body, contentType = 'application/x-www-form-urlencoded') {
      const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SIGNING_SECRET, body, { contentType }), body });
      await res.arrayBuffer();
      return res.status;
    },
    async teamsSend(activity) {
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: connector.serviceUrl }) });
      await res.arrayBuffer();
      return res.status;
    },
    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      alerts.stop();
      await server.stop();
      if (!options.store) await store.close();
      if (!options.slack) await slack.stop();
      await hooks.stop();
      if (!options.connector) await connector.close();
    },
  };
}
