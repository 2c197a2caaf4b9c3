import type { HomeView, KnownBlock } from '@slack/types';
import type { ReplyBody } from '../core/types.ts';
import { divider, header, sections } from './slack-build.ts';
import * as body from './slack-bodies.ts';

type Stats = Extract<ReplyBody, { kind: 'stats' }>;

/** What a new user can try first: a paste, a question in words, a search. */
export const EXAMPLE_QUESTIONS = [
  'UserErrorSQLNoSysadminMembership',
  'the log backups fail because the log chain is broken, how do I fix it?',
  'search full backup missing',
] as const;

/**
 * The App Home tab: what the bot does (the help every other surface shows), three questions
 * to copy into a DM with it, and the errors hit most this week. Only the 7-day window: the
 * Home tab is glanced at, `/sqlbackup stats` has the month.
 */
export function homeView(stats: Stats): HomeView {
  const week = stats.windows.filter((w) => w.days === 7);
  const blocks: KnownBlock[] = [
    ...body.help(),
    ...sections('An error in someone else\'s message, or in a channel I am not in? Open the message\'s *More actions* menu and pick *Explain this error*: only you see the answer.'),
    divider(),
    header('Try asking'),
    ...sections(EXAMPLE_QUESTIONS.map((q) => `• \`${q}\``).join('\n')),
    divider(),
    ...body.stats({ ...stats, windows: week }),
  ];
  return { type: 'home', blocks };
}
