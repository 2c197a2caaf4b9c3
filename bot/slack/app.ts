import { App, ExpressReceiver, LogLevel, webApi } from '@slack/bolt';
import type { Express } from 'express';
import { boltLogger } from './bolt-logger.ts';
import { botAuthorizer } from './authorize.ts';
import type { SlackConfig } from './config.ts';
import { failure, type SlackDeps } from './deps.ts';
import { registerAction } from './listeners/action.ts';
import { registerCommand } from './listeners/command.ts';
import { registerConfirmation } from './confirmation.ts';
import { registerMention } from './listeners/mention.ts';
import { registerHome } from './listeners/home.ts';
import { registerMessage } from './listeners/message.ts';
import { registerShortcut } from './listeners/shortcut.ts';

export const EVENTS_PATH = '/slack/events';

export interface SlackApp {
  readonly app: App;
  /** The bot token's Web API client, for posts nobody asked for (alerts). */
  readonly client: webApi.WebClient;
  /** Socket Mode connects out to Slack; HTTP mode serves EVENTS_PATH on the shared express app. */
  readonly mode: 'http' | 'socket';
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Web API retries: a 429 waits for Retry-After and tries again, so do 5xx and network
 * errors, but only a few times, so that a Slack outage does not pile up work for minutes.
 */
const RETRY = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true };

export interface SlackAppOptions {
  /** Request bodies above this many bytes get 413 before any parsing. */
  readonly bodyLimitBytes?: number;
}

export function createSlackApp(config: SlackConfig, deps: SlackDeps, http: Express, options: SlackAppOptions = {}): SlackApp {
  const logger = boltLogger(deps.logger);
  const clientOptions = { retryConfig: RETRY, timeout: 10_000, ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  const auth = botAuthorizer(config.botToken, clientOptions);
  const authorize = () => auth.authorize();
  let app: App;
  let mode: SlackApp['mode'];
  if (config.appToken !== null) {
    mode = 'socket';
    app = new App({ authorize, appToken: config.appToken, socketMode: true, logger, logLevel: LogLevel.INFO, clientOptions });
  } else {
    mode = 'http';
    if (config.signingSecret === null) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    refuseOversized(http, options.bodyLimitBytes ?? 1024 * 1024);
    // Work happens after the 200: Slack retries anything not acknowledged within 3 seconds.
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      app: http,
      endpoints: EVENTS_PATH,
      processBeforeResponse: false,
      logger,
      bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    });
    app = new App({ authorize, receiver, logger, clientOptions });
  }
  app.error((error) => {
    deps.logger.error(failure(error), 'slack: unhandled error');
    return Promise.resolve();
  });
  registerMessage(app, deps);
  registerMention(app, deps);
  registerCommand(app, deps);
  registerAction(app, deps);
  registerConfirmation(app, deps);
  registerShortcut(app, deps);
  registerHome(app, deps);

  return {
    app,
    client: new webApi.WebClient(config.botToken, clientOptions),
    mode,
    start: async () => {
      const who = await auth.check();
      if (who) deps.logger.info({ team: who.teamId, botUser: who.botUserId }, 'slack: bot token accepted');
      // Slack unreachable right now: start anyway; each event tries auth.test again.
      else deps.logger.warn('slack: could not check the bot token at start');
      // In HTTP mode the shared server listens; Bolt has nothing more to start.
      if (mode === 'socket') await app.start();
    },
    stop: async () => {
      if (mode === 'socket') await app.stop();
    },
  };
}

/**
 * A declared length over the limit is refused before a byte of it is read, and the
 * connection is closed so the client does not reuse a socket with an unread body on it.
 * Bodies without a length (chunked) still meet Bolt's own limit while being read.
 */
function refuseOversized(http: Express, limit: number): void {
  http.post(EVENTS_PATH, (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) <= limit) {
      next();
      return;
    }
    res.set('Connection', 'close').status(413).end();
  });
}
