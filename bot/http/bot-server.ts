import type { CoreDeps } from '../core/deps.ts';
import type { Logger } from '../ops/logger.ts';
import { createMetrics, type Metrics } from '../ops/metrics.ts';
import { opsRoutes } from '../ops/opsRoutes.ts';
import { requestIds } from '../ops/requestContext.ts';
import { InFlight } from '../ops/inFlight.ts';
import { createSlackApp, EVENTS_PATH, type SlackApp } from '../slack/app.ts';
import type { SlackConfig } from '../slack/config.ts';
import type { ConnectionLimits } from './connection-limits.ts';
import { createHttpServer, type HttpServer } from './server.ts';
import { slackRequestGuard } from './slack-request-guard.ts';
import { bodyLimit } from '../ops/bodyLimit.ts';

export interface BotServer {
  readonly http: HttpServer;
  /** Null when Slack is not configured (a Teams-only deployment). */
  readonly slack: SlackApp | null;
  /** Listens on `port` (0: any free one) and connects Socket Mode if configured; resolves with the port. */
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The Slack app and the health routes on one HTTP server; other adapters mount on `http.app`. */
export interface BotServerOptions {
  readonly slack: SlackConfig | null;
  readonly core: CoreDeps;
  readonly logger: Logger;
  readonly bodyLimitBytes?: number;
  /** Served at /metrics; the same object the core counts into. */
  readonly metrics?: Metrics;
  /** How long stop() waits for answers still being worked on (default 10 s). */
  readonly shutdownTimeoutMs?: number;
  /** Timeouts and the socket cap; unset ones take their defaults. */
  readonly connections?: Partial<ConnectionLimits>;
  /** METRICS_TOKEN: lets a scraper that presents it read /metrics from anywhere (loopback only without it). */
  readonly metricsToken?: string | undefined;
}

export function buildBotServer(options: BotServerOptions): BotServer {
  const http = createHttpServer(options.connections);
  const { store, catalog } = options.core;
  const inFlight = new InFlight();
  // A request id on every log line written while serving the request (and after its ack).
  http.app.use(requestIds());
  // Probes first: they must answer (readyz: "draining") while new work is refused.
  http.app.use(
    opsRoutes({
      metrics: options.metrics ?? options.core.metrics ?? createMetrics(),
      checks: { catalog: () => catalog.entries.length > 0, store: () => store.ping() },
      draining: () => inFlight.isDraining,
      metricsToken: options.metricsToken,
    }),
  );
  http.app.use(inFlight.middleware());
  const slackOptions = options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes };
  // Reads the body once (Bolt reuses it) and refuses malformed requests before Bolt sees them.
  if (options.slack !== null && options.slack.appToken === null) {
    http.app.post(EVENTS_PATH, bodyLimit(options.bodyLimitBytes ?? 1024 * 1024), slackRequestGuard(options.logger));
  }
  const slack = options.slack === null ? null : createSlackApp(options.slack, { core: options.core, logger: options.logger }, http.app, slackOptions);
  // Bolt acknowledges events before answering them; tracking the listener chain lets a
  // shutdown wait for answers that are still being worked on after the 200 went out.
  slack?.app.use(async ({ next }) => {
    await inFlight.track(next());
  });
  return {
    http,
    slack,
    async start(port, host) {
      const bound = await http.listen(port, host);
      await slack?.start();
      return bound;
    },
    async stop() {
      const closed = http.close();
      const finished = await inFlight.drain(options.shutdownTimeoutMs ?? 10_000);
      if (!finished) options.logger.warn({ abandoned: inFlight.size }, 'shutdown deadline reached with answers still in flight');
      await slack?.stop();
      await closed;
    },
  };
}
