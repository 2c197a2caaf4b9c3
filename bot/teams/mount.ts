import { ConfigurationBotFrameworkAuthentication, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Express } from 'express';
import { bodyLimit, DEFAULT_BODY_LIMIT_BYTES } from '../ops/body-limit.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Logger } from '../ops/logger.ts';
import { TeamsBot } from './bot.ts';
import { botFrameworkSettings, type TeamsConfig } from './config.ts';
import { deliver, type DeliverOptions } from './deliver.ts';
import { SORRY } from '../core/labels.ts';
import { JsonCloudAdapter } from './json-cloud-adapter.ts';

export const TEAMS_PATH = '/api/messages';

export interface TeamsDeps {
  readonly config: TeamsConfig;
  readonly core: CoreDeps;
  readonly logger: Logger;
  /** Larger requests get 413 before anything parses them (BODY_LIMIT_BYTES). */
  readonly bodyLimitBytes?: number;
}


/** Local mode means the Agents Playground, which warns under every full-width card. */
export function cardOptions(config: TeamsConfig): DeliverOptions {
  return { fullWidth: config.auth !== 'none' };
}

export function createTeamsAdapter(config: TeamsConfig, logger: Logger): JsonCloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(botFrameworkSettings(config));
  const adapter = new JsonCloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The message only: activities carry user text and the request carries a token.
    logger.error({ err: error.message, activityId: context.activity.id }, 'teams turn failed');
    try {
      await deliver(context, { body: { kind: 'notice', text: SORRY }, delivery: 'thread' }, cardOptions(config));
    } catch (sendError) {
      logger.warn({ err: (sendError as Error).message }, 'teams: could not tell the user about the failure');
    }
  };
  return adapter;
}

/**
 * Serves Teams at POST /api/messages on the shared HTTP app. With an app id, CloudAdapter
 * answers 401 to a request without a valid Bot Framework token before the bot sees it.
 */
export function mountTeams(app: Express, deps: TeamsDeps): CloudAdapter {
  const adapter = createTeamsAdapter(deps.config, deps.logger);
  const bot = new TeamsBot({ core: deps.core, cards: cardOptions(deps.config) });
  if (deps.config.auth === 'none') deps.logger.warn({ path: TEAMS_PATH }, 'teams: no MicrosoftAppId, serving unauthenticated on loopback (local mode)');
  const authenticated = deps.config.auth === 'bot-framework';
  const serve = adapter.handler((context) => bot.run(context), deps.logger);
  app.post(TEAMS_PATH, bodyLimit(deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES), (req, res, next) => {
    // No token at all: answer here. The adapter would say the same 401 but print a stack
    // trace to the console for every scanner that probes the endpoint.
    if (authenticated && !req.headers.authorization) {
      deps.logger.warn({ path: TEAMS_PATH }, 'teams: request without a Bot Framework token refused');
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    serve(req, res).catch(next);
  });
  return adapter;
}
