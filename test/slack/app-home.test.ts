import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitViolations } from '../../bot/cards/slack-limits.ts';
import { EXAMPLE_QUESTIONS } from '../../bot/cards/slack-home.ts';
import { messageEvent } from '../../testkit/slack-events.ts';
import { startTestBot, type TestBot } from './harness.ts';

/** The Home tab: a signed app_home_opened event into Bolt, views.publish caught by the Web API stand-in. */

let bot: TestBot;
let n = 0;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

function homeOpened(user: string, tab: 'home' | 'messages' = 'home'): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0BOT',
    type: 'event_callback',
    event_id: `EvHome${++n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: String(Date.now() / 1000) },
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
  });
}

const publishedFor = (user: string) => bot.slack.calls.filter((c) => c.method === 'views.publish' && c.args['user_id'] === user);

async function openHome(user: string): Promise<{ type: string; blocks: KnownBlock[] }> {
  const before = publishedFor(user).length;
  expect((await bot.send(homeOpened(user))).status).toBe(200);
  await bot.slack.waitFor(() => publishedFor(user).length > before);
  const view = publishedFor(user).at(-1)!.args['view'];
  return (typeof view === 'string' ? JSON.parse(view) : view) as { type: string; blocks: KnownBlock[] };
}

describe('Slack App Home', () => {
  it('publishes what the bot does, three example questions, within Block Kit limits', async () => {
    const view = await openHome('U0HOME1');
    expect(view.type).toBe('home');
    expect(blockKitViolations(view.blocks)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Paste an error');
    expect(text).toContain('Explain this error');
    for (const q of EXAMPLE_QUESTIONS) expect(text).toContain(q);
    expect(EXAMPLE_QUESTIONS).toHaveLength(3);
  });

  it('shows the errors answered this week, updated on each opening', async () => {
    const code = 'UserErrorSQLLSNValidationFailure';
    expect(JSON.stringify((await openHome('U0HOME2')).blocks)).not.toContain(code);
    const body = messageEvent({ eventId: `EvPaste${++n}`, channel: 'C0HOMEPASTE', text: `Backup failed: ${code}` });
    expect((await bot.send(body)).status).toBe(200);
    await bot.slack.waitFor(() => bot.slack.posts((c) => c.args['channel'] === 'C0HOMEPASTE').length > 0);
    const text = JSON.stringify((await openHome('U0HOME2')).blocks);
    expect(text).toContain(code);
    // The week only: the month is for /sqlbackup stats.
    expect(text).toContain('Last 7 days');
    expect(text).not.toContain('Last 30 days');
  });

  it('draws nothing when the Messages tab is opened', async () => {
    expect((await bot.send(homeOpened('U0HOME3', 'messages'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(publishedFor('U0HOME3')).toEqual([]);
  });
});
