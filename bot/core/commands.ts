import { CATEGORIES } from '../../catalog/index.ts';
import { answerFor } from './answer.ts';
import { refOf, toCandidates } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import { statsBody } from './stats.ts';
import type { Place, ReplyBody } from './types.ts';
import { isWatching, setWatching } from './watch.ts';

/** `/sqlbackup` sub-commands; anything else is a lookup. */
export async function runCommand(deps: CoreDeps, place: Place, raw: string): Promise<{ body: ReplyBody; truncated: boolean }> {
  const text = raw.trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  const plain = (body: ReplyBody) => ({ body, truncated: false });
  switch (word.toLowerCase()) {
    case '':
    case 'help':
      if (!arg) return plain({ kind: 'help' });
      break;
    case 'list':
      if (!arg) return plain(listBody(deps));
      break;
    case 'search':
      if (arg) {
        const c = deps.classifier.classify(arg, 'direct');
        const ranked = c.matches.length > 0 ? c.matches : deps.classifier.nearest(arg, 4);
        return { body: { kind: 'search', query: arg, candidates: toCandidates(deps.catalog, ranked) }, truncated: c.truncated };
      }
      return plain({ kind: 'notice', text: 'Usage: `/sqlbackup search <words>`, for example `/sqlbackup search log chain broken`.' });
    case 'stats':
      if (!arg) return plain(await statsBody(deps));
      break;
    case 'watch':
      return plain(await watchBody(deps, place, arg.toLowerCase()));
  }
  const c = deps.classifier.classify(text, 'direct');
  const answer = answerFor(deps, text, c, 'direct');
  return { body: answer?.body ?? { kind: 'help' }, truncated: c.truncated };
}

function listBody(deps: CoreDeps): ReplyBody {
  const groups = CATEGORIES.map((category) => ({
    category,
    entries: deps.catalog.entries.filter((e) => e.category === category).map(refOf),
  })).filter((g) => g.entries.length > 0);
  return { kind: 'list', groups };
}

async function watchBody(deps: CoreDeps, place: Place, arg: string): Promise<ReplyBody> {
  if (place.space === 'dm') {
    return { kind: 'notice', text: 'Watching applies to channels; here I answer everything you send me.' };
  }
  if (arg === 'on' || arg === 'off') {
    await setWatching(deps, place, arg === 'on');
    return {
      kind: 'notice',
      text:
        arg === 'on'
          ? 'Watching this channel again: I answer backup failures pasted here, in a thread.'
          : 'Stopped watching this channel. Mention me or use `/sqlbackup` to ask; `/sqlbackup watch on` turns it back on.',
    };
  }
  const on = await isWatching(deps, place);
  return {
    kind: 'notice',
    text: `Watching is ${on ? 'on' : 'off'} in this channel. Use \`/sqlbackup watch ${on ? 'off' : 'on'}\` to switch it.`,
  };
}
