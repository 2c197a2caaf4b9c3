import type { CoreDeps } from '../deps.ts';
import type { Place, ReplyBody } from '../types.ts';
import { threadLink } from './links.ts';
import { ordinal, utc } from './problem.ts';
import { openProblems } from './problems.ts';
import { describeFilters, parseFilters, subscribe, subscriptionOf, unsubscribe } from './subscriptions.ts';

const notice = (text: string): ReplyBody => ({ kind: 'notice', text });

/** `alerts here [filters]`, `alerts off`, `alerts`: this conversation's subscription. */
export async function alertsCommand(deps: CoreDeps, place: Place, arg: string): Promise<ReplyBody> {
  const [word = '', ...rest] = arg.trim().split(/\s+/);
  const conversation = { ...place, thread: null };
  switch (word.toLowerCase()) {
    case 'here': {
      const filters = parseFilters(rest);
      if (typeof filters === 'string') return notice(filters);
      await subscribe(deps, { place: conversation, filters });
      const invite = place.platform === 'slack' && place.space !== 'dm' ? ' Make sure I am a member of this channel (`/invite @sqlbackup`), or I cannot post here.' : '';
      return notice(`Azure Backup alerts now come here: ${describeFilters(filters)}. One thread per database and error; \`alerts off\` stops them.${invite}`);
    }
    case 'off':
      return notice((await unsubscribe(deps, conversation)) ? 'No more alerts here. Open threads stay as they are.' : 'This conversation had no alert subscription.');
    default: {
      const sub = await subscriptionOf(deps, conversation);
      return notice(sub ? `Alerts come here: ${describeFilters(sub.filters)}. \`alerts off\` stops them.` : 'No alerts come here. `alerts here` subscribes this conversation; add vault=, rg=, sub= or severity= to filter.');
    }
  }
}

/** `open`: the open problems of this conversation, with a link to each thread. */
export async function openCommand(deps: CoreDeps, place: Place): Promise<ReplyBody> {
  const problems = await openProblems(deps, { ...place, thread: null });
  if (problems.length === 0) return notice('No open alert problems in this conversation.');
  const lines = problems.map((p) => {
    const what = p.alert.sql ? `${p.alert.sql.database} on ${p.alert.sql.instance}` : (p.alert.vm ?? p.item.split('/').pop() ?? p.item);
    const ack = p.ack ? `, acknowledged by ${p.ack.by}` : '';
    const link = p.rootId ? ` ${threadLink(p.place, p.rootId)}` : '';
    return `• ${what}: \`${p.code.code}\`, ${p.occurrences === 1 ? 'once' : `${ordinal(p.occurrences)} time`} since ${utc(p.firstFired)}${ack}.${link}`;
  });
  return notice(`Open alert problems (${problems.length}):\n${lines.join('\n')}`);
}
