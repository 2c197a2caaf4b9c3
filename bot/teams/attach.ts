import type { Express } from 'express';
import type { CoreDeps } from '../core/deps.ts';
import type { Logger } from '../ops/logger.ts';
import { hasTeamsSettings, readTeamsConfig, type TeamsConfig } from './config.ts';
import { mountTeams, TEAMS_PATH } from './mount.ts';
import { PlaygroundMissingError, playgroundWanted, startPlayground, type Playground } from './playground.ts';

/**
 * The Teams side of the composition root, so that bot/main.ts needs three lines for it:
 * attach before listening, `started(port)` after, `stop()` on shutdown.
 */

export interface TeamsSide {
  readonly config: TeamsConfig;
  /** Starts the Agents Playground in local mode (unless PLAYGROUND=off); returns its URL, if any. */
  started(port: number): Promise<string | null>;
  stop(): Promise<void>;
}

export interface AttachOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the HTTP server listens: without an app id, Teams is served only on loopback. */
  readonly host: string;
  /** No credentials for any platform: the newcomer's local mode, with the playground. */
  readonly local: boolean;
  readonly core: CoreDeps;
  readonly logger: Logger;
  readonly bodyLimitBytes?: number;
  /** Where the plain-words lines for a person at the terminal go; stdout unless a test listens. */
  readonly say?: (text: string) => void;
}

/** Mounts Teams when its settings are present or in local mode; null when Teams is not wanted. Throws TeamsConfigError. */
export function attachTeams(app: Express, options: AttachOptions): TeamsSide | null {
  if (!options.local && !hasTeamsSettings(options.env)) return null;
  const config = readTeamsConfig(options.env, options.host);
  const limit = options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes };
  mountTeams(app, { config, core: options.core, logger: options.logger, ...limit });
  let playground: Playground | null = null;
  const say = options.say ?? ((text: string) => void process.stdout.write(text));
  return {
    config,
    async started(port) {
      if (!options.local || config.auth !== 'none' || !playgroundWanted(options.env)) return null;
      const botEndpoint = `http://127.0.0.1:${String(port)}${TEAMS_PATH}`;
      try {
        playground = await startPlayground({ botEndpoint, logger: options.logger });
      } catch (error) {
        // The bot itself is fine: say how to reach it another way rather than stop.
        options.logger.warn({ err: (error as Error).message, botEndpoint }, 'agents playground did not start; the bot still serves Teams locally');
        if (error instanceof PlaygroundMissingError) say(`\n  ${error.message}\n\n`);
        return null;
      }
      options.logger.info({ url: playground.url, botEndpoint }, 'local mode: open the Agents Playground to talk to the bot');
      // Plain words next to the JSON logs: this line is what a newcomer looks for.
      say(`\n  sqlbackup-bot is running locally. Open ${playground.url} to talk to it (Microsoft 365 Agents Playground).\n\n`);
      return playground.url;
    },
    async stop() {
      await playground?.stop();
    },
  };
}
