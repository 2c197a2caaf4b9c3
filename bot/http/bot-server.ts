import type { CoreDeps } from '../core/deps.ts';
import type { ChatPlatform, PlatformFactory } from '../core/platform.ts';
import type { Logger } from '../ops/logger.ts';
import { createMetrics, type Metrics } from '../ops/metrics.ts';
import { opsRoutes } from '../ops/ops-routes.ts';
import { requestIds } from '../ops/request-context.ts';
import { InFlight } from '../ops/in-flight.ts';
import type { ConnectionLimits } from './connection-limits.ts';
import { createHttpServer, type HttpServer } from './server.ts';

export interface BotServer {
  readonly http: HttpServer;
  /** The chat platforms built from their settings, in the order given. */
  readonly platforms: readonly ChatPlatform[];
  /** Work to wait for on shutdown that runs after its request was answered. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Listens on `port` (0: any free one), then starts each platform; resolves with the port. */
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The health routes and every chat platform on one HTTP server; more routes mount on `http.app`. */
export interface BotServerOptions {
  /** Each platform's factory, bound to its settings (slackPlatform(config), teamsPlatform(config)). */
  readonly platforms: readonly PlatformFactory[];
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
  const context = {
    http: http.app,
    core: options.core,
    logger: options.logger,
    track: <T>(work: Promise<T>) => inFlight.track(work),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
  };
  const platforms = options.platforms.map((build) => build(context));
  return {
    http,
    platforms,
    track: context.track,
    async start(port, host) {
      const bound = await http.listen(port, host);
      for (const platform of platforms) await platform.start(bound);
      return bound;
    },
    async stop() {
      const closed = http.close();
      const finished = await inFlight.drain(options.shutdownTimeoutMs ?? 10_000);
      if (!finished) options.logger.warn({ abandoned: inFlight.size }, 'shutdown deadline reached with answers still in flight');
      for (const platform of platforms) await platform.stop();
      await closed;
    },
  };
}
