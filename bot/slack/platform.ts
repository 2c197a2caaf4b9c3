import type { PlatformFactory } from '../core/platform.ts';
import { bodyLimit } from '../ops/body-limit.ts';
import { slackRequestGuard } from '../http/slack-request-guard.ts';
import { createSlackApp, EVENTS_PATH } from './app.ts';
import type { SlackConfig } from './config.ts';
import { deliver, redraw } from './deliver.ts';

/** Slack behind the platform boundary: Bolt's listeners answer, chat.postMessage posts unasked. */
export function slackPlatform(config: SlackConfig): PlatformFactory {
  return ({ http, core, logger, bodyLimitBytes, track }) => {
    // Reads the body once (Bolt reuses it) and refuses malformed requests before Bolt sees them.
    if (config.appToken === null) http.post(EVENTS_PATH, bodyLimit(bodyLimitBytes ?? 1024 * 1024), slackRequestGuard(logger));
    const slack = createSlackApp(config, { core, logger }, http, bodyLimitBytes === undefined ? {} : { bodyLimitBytes });
    // Bolt acknowledges events before answering them; tracking the listener chain lets a
    // shutdown wait for answers that are still being worked on after the 200 went out.
    slack.app.use(async ({ next }) => {
      await track(next());
    });
    return {
      platform: 'slack',
      mode: slack.mode,
      async post(place, reply) {
        const ts = await deliver(slack.client, { ...reply, delivery: 'thread' }, { place });
        if (ts === undefined) throw new Error('slack: chat.postMessage returned no ts');
        return ts;
      },
      // A reply in the thread of a top-level post carries its ts as thread_ts, DMs included.
      replyPlace: (place, ts) => ({ ...place, thread: ts }),
      update: (place, ts, reply) => redraw(slack.client, place, ts, reply),
      // usergroups:read, for the user groups AZURE_ACTIONS_ALLOWED names.
      async membersOf(_place, group) {
        const result = await slack.client.usergroups.users.list({ usergroup: group });
        return result.users ?? [];
      },
      start: () => slack.start(),
      stop: () => slack.stop(),
    };
  };
}
