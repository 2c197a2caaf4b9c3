import type { App } from '@slack/bolt';
import { homeView } from '../../cards/slack-home.ts';
import { statsBody } from '../../core/stats.ts';
import { failure, type SlackDeps } from '../deps.ts';

/**
 * The App Home tab, drawn afresh each time it is opened, so the week's top errors are current.
 * A failure is logged and leaves the last published view in place.
 */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const log = deps.logger.child({ listener: 'home' });
    try {
      const stats = await statsBody(deps.core);
      if (stats.kind !== 'stats') return;
      await client.views.publish({ user_id: event.user, view: homeView(stats) });
    } catch (error) {
      log.error(failure(error), 'could not publish the Home tab');
    }
  });
}
