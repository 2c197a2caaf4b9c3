import { CATEGORIES } from '../../catalog/index.ts';
import { alertsCommand, openCommand } from './alerts/commands.ts';
import { answerFor } from './answer.ts';
import { jobsCommand } from './azure/jobs-command.ts';
import { refOf, toCandidates } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import { statsBody } from './stats.ts';
import type { Place, ReplyBody } from './types.ts';
import { isWatching, setWatching } from './watch.ts';

/**
 * The one list of commands: the help texts, the Teams adapter (which words are a command)
 * and the Teams manifest's command list (kept in step by its test) all read it.
 */
export interface CommandSpec {
  readonly name: string;
  /** What follows the name, as help shows it ('' for nothing). */
  readonly usage: string;
  readonly summary: string;
  /** The rest of the text this command takes; anything else after the word is a lookup instead. */
  readonly accepts: RegExp;
  /**
   * Asks for posts with nobody asking in this conversation (alerts): a platform that needs an
   * address to post proactively (Teams' conversation reference) keeps it when this is said.
   */
  readonly proactive?: true;
  /** Only there when the team acts on Azure from the card (AZURE_ACTIONS=on). */
  readonly azure?: true;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'lookup', usage: '<error code>', summary: 'one entry: what it means and how to fix it (the code alone works too)', accepts: /\S/ },
  { name: 'search', usage: '<words>', summary: 'the entries closest to your words, for example search log chain broken', accepts: /\S/ },
  { name: 'list', usage: '', summary: 'every error and topic I know, by category', accepts: /^$/ },
  { name: 'stats', usage: '', summary: 'the errors the team hit most in the last 7 and 30 days, and how helpful the answers were', accepts: /^$/ },
  { name: 'watch', usage: 'on | off', summary: 'resume or stop answering pastes in this channel', accepts: /^(on|off)?$/i },
  {
    name: 'alerts',
    usage: 'here [vault=… rg=… sub=… severity=Sev2] | off',
    summary: 'post Azure Backup alerts in this conversation (filters combine), stop them, or show what is set',
    accepts: /^(here(\s+\S+=\S+)*|off)?$/i,
    proactive: true,
  },
  { name: 'open', usage: '', summary: 'the open alert problems in this conversation, with a link to each thread', accepts: /^$/ },
  {
    name: 'jobs',
    usage: '<vault> <database>',
    summary: "the database's last 10 backup jobs in Azure, with Run full backup where it is the fix",
    accepts: /^\S+\s+\S+$/,
    azure: true,
  },
  { name: 'help', usage: '', summary: 'this message', accepts: /^$/ },
];

/** The commands this bot understands: the Azure ones only when it acts on Azure. */
export function commandsFor(azure: boolean): readonly CommandSpec[] {
  return COMMANDS.filter((c) => azure || !c.azure);
}

/** The command `text` says (its first word, with an argument it takes), or null for a lookup. */
export function commandOf(text: string): { readonly spec: CommandSpec; readonly arg: string } | null {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  const arg = rest.join(' ');
  const spec = COMMANDS.find((c) => c.name === word.toLowerCase());
  return spec && spec.accepts.test(arg) ? { spec, arg } : null;
}

/** `/sqlbackup` sub-commands; anything else is a lookup. */
export async function runCommand(deps: CoreDeps, place: Place, raw: string): Promise<{ body: ReplyBody; truncated: boolean }> {
  const text = raw.trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  const plain = (body: ReplyBody) => ({ body, truncated: false });
  switch (word.toLowerCase()) {
    case '':
    case 'help':
      if (!arg) return plain({ kind: 'help', ...(deps.azure ? { azure: true } : {}) });
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
    case 'alerts':
      return plain(await alertsCommand(deps, place, arg));
    case 'open':
      if (!arg) return plain(await openCommand(deps, place));
      break;
    case 'jobs':
      if (deps.azure && arg) return plain(await jobsCommand(deps, place, arg));
      break;
  }
  const lookup = word.toLowerCase() === 'lookup' && arg ? arg : text;
  const c = deps.classifier.classify(lookup, 'direct');
  const answer = answerFor(deps, lookup, c, 'direct');
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
          : `Stopped watching this channel. ${place.platform === 'teams' ? 'Mention me to ask; mention me with `watch on` to turn it back on.' : 'Mention me or use `/sqlbackup` to ask; `/sqlbackup watch on` turns it back on.'}`,
    };
  }
  const on = await isWatching(deps, place);
  // Teams has no slash command: there a command is said with a mention.
  const say = (words: string) => (place.platform === 'teams' ? `mention me with \`${words}\`` : `use \`/sqlbackup ${words}\``);
  return {
    kind: 'notice',
    text: `Watching is ${on ? 'on' : 'off'} in this channel. To switch it, ${say(`watch ${on ? 'off' : 'on'}`)}.`,
  };
}
