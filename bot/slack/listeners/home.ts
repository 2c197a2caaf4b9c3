import type { App } from '@slack/bolt';
import { homeView } from '../../cards/slack-home.ts';
import { recentAnswers } from '../../core/recent-answers.ts';
import { statsBody } from '../../core/stats.ts';
import { failure, type SlackDeps } from '../deps.ts';

/**
 * The App Home tab, drawn afresh each time it is opened, so the week's top errors and the
 * user's last answers are current. A failure is logged and leaves the last published view in place.
 */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const log = deps.logger.child({ listener: 'home' });
    try {
      // The same team id the other listeners put in a Place, so the answers recorded there are found.
      const [stats, recent] = await Promise.all([statsBody(deps.core), recentAnswers(deps.core, { platform: 'slack', team: body.team_id }, event.user)]);
      if (stats.kind !== 'stats') return;
      await client.views.publish({ user_id: event.user, view: homeView(stats, recent) });
    } catch (error) {
      log.error(failure(error), 'could not publish the Home tab');
    }
  });
}
