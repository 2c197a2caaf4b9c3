import type { TurnContext } from 'botbuilder';
import type { ChatPlatform, PlatformFactory } from '../core/platform.ts';
import type { Place } from '../core/types.ts';
import type { TeamsConfig } from './config.ts';
import { referenceFor } from './conversation-refs.ts';
import { deliver, redraw } from './deliver.ts';
import { cardOptions, mountTeams, TEAMS_PATH } from './mount.ts';
import { PlaygroundMissingError, startPlayground, type Playground } from './playground.ts';

export interface TeamsPlatformOptions {
  /** No credentials for any platform: the newcomer's local mode, where the Playground starts beside the bot. */
  readonly local: boolean;
  /** PLAYGROUND=off keeps local mode without it (tests, CI, headless use). */
  readonly playground: boolean;
  /** Where the plain-words lines for a person at the terminal go; stdout unless a test listens. */
  readonly say?: (text: string) => void;
}

/**
 * Teams behind the platform boundary: CloudAdapter answers /api/messages; posts nobody asked
 * for go through its proactive API with the conversation reference kept in the store.
 */
export function teamsPlatform(config: TeamsConfig, options: TeamsPlatformOptions): PlatformFactory {
  return ({ http, core, logger, bodyLimitBytes }): ChatPlatform => {
    const adapter = mountTeams(http, { config, core, logger, ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }) });
    const appId = config.auth === 'bot-framework' ? config.appId : '';
    const say = options.say ?? ((text: string) => void process.stdout.write(text));
    const cards = cardOptions(config);
    let playground: Playground | null = null;

    async function proactive<T>(place: Place, work: (context: TurnContext) => Promise<T>): Promise<T> {
      const reference = await referenceFor(core, place);
      if (!reference) throw new Error('teams: no conversation reference kept for this conversation (install the app there or say "alerts here" again)');
      let result: T | undefined;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        result = await work(context);
      });
      return result as T;
    }

    return {
      platform: 'teams',
      mode: config.auth === 'none' ? 'local' : 'bot-framework',
      async post(place, reply) {
        const id = await proactive(place, (context) => deliver(context, { ...reply, delivery: 'thread' }, cards));
        if (id === undefined) throw new Error('teams: the connector returned no activity id');
        return id;
      },
      // As placeOf reads a message said there: a channel post roots a reply chain; a group
      // chat is one long thread; a personal chat is the conversation itself.
      replyPlace: (place, id) => ({ ...place, thread: place.space === 'channel' ? id : place.space === 'group' ? place.channel : null }),
      async update(place, id, reply) {
        await proactive(place, (context) => redraw(context, id, reply, cards));
      },
      async start(port) {
        if (!options.local || config.auth !== 'none' || !options.playground) return;
        const botEndpoint = `http://127.0.0.1:${String(port)}${TEAMS_PATH}`;
        try {
          playground = await startPlayground({ botEndpoint, logger });
        } catch (error) {
          // The bot itself is fine: say how to reach it another way rather than stop.
          logger.warn({ err: (error as Error).message, botEndpoint }, 'agents playground did not start; the bot still serves Teams locally');
          if (error instanceof PlaygroundMissingError) say(`\n  ${error.message}\n\n`);
          return;
        }
        logger.info({ url: playground.url, botEndpoint }, 'local mode: open the Agents Playground to talk to the bot');
        // Plain words next to the JSON logs: this line is what a newcomer looks for.
        say(`\n  sqlbackup-bot is running locally. Open ${playground.url} to talk to it (Microsoft 365 Agents Playground).\n\n`);
      },
      async stop() {
        await playground?.stop();
        playground = null;
      },
    };
  };
}
