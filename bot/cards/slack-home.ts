import type { HomeView, KnownBlock } from '@slack/types';
import type { RecentAnswer } from '../core/recent-answers.ts';
import type { ReplyBody } from '../core/types.ts';
import { divider, header, sections } from './slack-build.ts';
import * as body from './slack-bodies.ts';
import { escape } from './slack-text.ts';

type Stats = Extract<ReplyBody, { kind: 'stats' }>;

/** What a new user can try first: a paste, a question in words, a search. */
export const EXAMPLE_QUESTIONS = [
  'UserErrorSQLNoSysadminMembership',
  'the log backups fail because the log chain is broken, how do I fix it?',
  'search full backup missing',
] as const;

/** Shown before the user was ever answered (or a month after the last answer). */
export const NO_RECENT = 'Nothing yet: the errors I explain to you show up here.';

/**
 * When, in the reader's own time zone and format (Slack renders `<!date>`); the fallback,
 * for clients that cannot, is UTC.
 */
function when(at: number): string {
  const fallback = `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${String(Math.floor(at / 1000))}^{date_short_pretty} at {time}|${fallback}>`;
}

/** The user's last answers, newest first: the code (or topic) and when. */
function recentLines(recent: readonly RecentAnswer[]): string {
  if (recent.length === 0) return NO_RECENT;
  return recent.map((r) => `• \`${escape(r.id)}\` ${escape(r.title)} · ${when(r.at)}`).join('\n');
}

/**
 * The App Home tab: what the bot does (the help every other surface shows), three questions
 * to copy into a DM with it, the user's own last answers, and the errors hit most this week.
 * Only the 7-day window: the Home tab is glanced at, `/sqlbackup stats` has the month.
 */
export function homeView(stats: Stats, recent: readonly RecentAnswer[] = []): HomeView {
  const week = stats.windows.filter((w) => w.days === 7);
  const blocks: KnownBlock[] = [
    ...body.help(),
    ...sections('An error in someone else\'s message, or in a channel I am not in? Open the message\'s *More actions* menu and pick *Explain this error*: only you see the answer.'),
    divider(),
    header('Try asking'),
    ...sections(EXAMPLE_QUESTIONS.map((q) => `• \`${q}\``).join('\n')),
    divider(),
    header('Your last answers'),
    ...sections(recentLines(recent)),
    divider(),
    ...body.stats({ ...stats, windows: week }),
  ];
  return { type: 'home', blocks };
}
