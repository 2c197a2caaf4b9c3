import type { CoreDeps } from '../core/deps.ts';
import type { Logger } from '../ops/logger.ts';
import { createSlackApp, type SlackApp } from '../slack/app.ts';
import type { SlackConfig } from '../slack/config.ts';
import { mountHealth } from './health.ts';
import { createHttpServer, type HttpServer } from './server.ts';

export interface BotServer {
  readonly http: HttpServer;
  readonly slack: SlackApp;
  /** Listens on `port` (0: any free one) and connects Socket Mode if configured; resolves with the port. */
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The Slack app and the health routes on one HTTP server; other adapters mount on `http.app`. */
export interface BotServerOptions {
  readonly slack: SlackConfig;
  readonly core: CoreDeps;
  readonly logger: Logger;
  readonly bodyLimitBytes?: number;
}

export function buildBotServer(options: BotServerOptions): BotServer {
  const http = createHttpServer();
  mountHealth(http.app, { store: options.core.store, catalogSize: options.core.catalog.entries.length });
  const slackOptions = options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes };
  const slack = createSlackApp(options.slack, { core: options.core, logger: options.logger }, http.app, slackOptions);
  return {
    http,
    slack,
    async start(port, host) {
      const bound = await http.listen(port, host);
      await slack.start();
      return bound;
    },
    async stop() {
      await slack.stop();
      await http.close();
    },
  };
}
