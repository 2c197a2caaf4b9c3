import type { Entry } from '../../catalog/index.ts';
import type { Classification, FollowUp, Mode } from '../../intents/index.ts';
import { asksSomething } from '../../intents/index.ts';
import { answerFor, type Answer } from './answer.ts';
import type { CoreDeps } from './deps.ts';
import { followUpBody } from './follow-up.ts';
import { personalizeFollowUp } from './personalize.ts';
import { loadThread, saveThread, type ThreadContext } from './thread-context.ts';
import { rejectedCandidates } from './rejection.ts';
import type { Place, ReplyBody } from './types.ts';
import { isWatching } from './watch.ts';

export interface MessageOutcome {
  readonly body: ReplyBody;
  readonly truncated: boolean;
  /** What the thread is about once this answer goes out (handle passes it to threadStarted). */
  readonly thread?: ThreadContext;
}

interface Said {
  readonly text: string;
  readonly place: Place;
  readonly addressed: boolean;
}

const OFF_TOPIC =
  'That is outside what I know. In this thread I answer questions about the error above: why it happens, how to fix it, the commands (T-SQL, PowerShell, Azure CLI), system databases, recovery models, availability groups, retries, support. A new error pasted here gets its own answer.';

/**
 * A message in a channel, thread or DM. In a thread the bot answered, each message is read
 * for what it is: a new problem, a question about the thread's error, a rejection, thanks,
 * or something else. Elsewhere, an unaddressed message is answered only when the classifier
 * is confident and the channel is watched; an addressed one (mention, DM) always gets something.
 */
export async function handleMessage(deps: CoreDeps, said: Said): Promise<MessageOutcome | null> {
  const { text, place, addressed } = said;
  const own = await loadThread(deps, place);
  const context = own ?? (await dmContext(deps, place));
  const entry = context?.entryId ? deps.catalog.get(context.entryId) : undefined;
  // A new problem raised in the bot's thread is answered as if the bot were asked, from the
  // direct-mode reading the thread already made.
  let raised: Classification | undefined;
  if (context && entry && text.trim() !== '') {
    const turn = await inThread(deps, place, text, entry, context, own !== undefined);
    if (!(turn && 'raised' in turn)) return turn;
    raised = turn.raised;
  } else if (!context && !addressed && !(await isWatching(deps, place))) {
    return null;
  }
  // In the bot's own thread a question is addressed to it; talk between people there is not.
  const mode: Mode = addressed || raised !== undefined || (context !== undefined && asksSomething(text)) ? 'direct' : 'channel';
  if (mode === 'channel' && text.trim() === '') return null;
  const c = raised ?? deps.classifier.classify(text, mode);
  const answer = text.trim() === '' ? null : answerFor(deps, text, c, mode);
  if (!answer) return mode === 'direct' ? { body: { kind: 'help' }, truncated: false } : null;
  const thread = threadOf(answer, context);
  return { body: answer.body, truncated: c.truncated, ...(thread ? { thread } : {}) };
}

/**
 * One turn in a thread about `entry`: answered here, or `raised` (with its direct-mode reading) when it raises another problem
 * (a code, an Azure message, a SQL error, or plain words that clearly describe another failure).
 */
async function inThread(
  deps: CoreDeps,
  place: Place,
  text: string,
  entry: Entry,
  context: ThreadContext,
  ownThread: boolean,
): Promise<MessageOutcome | null | { readonly raised: Classification }> {
  const direct = deps.classifier.classify(text, 'direct');
  const raised = { raised: direct };
  if (namesAnotherProblem(direct, entry)) return raised;
  // The same error pasted again, not asked about: its card again (a new occurrence counts).
  if (direct.found.includes(entry.id) && !asksSomething(text)) return raised;
  const f = deps.classifier.followUp(text, entry);
  if (describesAnotherProblem(deps, text, entry, f)) return raised;
  const plain = (body: ReplyBody): MessageOutcome => ({ body, truncated: false });
  switch (f.kind) {
    case 'thanks':
      return null;
    case 'off-topic':
      return plain({ kind: 'notice', text: OFF_TOPIC });
    case 'not-it':
      return plain({ kind: 'did-you-mean', query: text.trim(), candidates: rejectedCandidates(deps, entry, context, f.clues) });
    case 'unknown':
      if (!f.asks) return null;
      break;
    case 'ask':
      break;
  }
  const ask: Extract<FollowUp, { kind: 'ask' }> = f.kind === 'ask' ? f : { kind: 'ask', topic: 'fix', terms: [] };
  const body = followUpBody(deps.catalog, entry, ask, context.topics ?? []);
  const reply = context.details ? personalizeFollowUp(body, context.details) : body;
  // A thread still in use keeps its memory: the expiry counts from the last question.
  if (ownThread || place.space === 'dm') {
    const topics = [...new Set([...(context.topics ?? []), reply.topic])].slice(-8);
    await saveThread(deps, place.space === 'dm' && !ownThread ? { ...place, thread: null } : place, { ...context, topics });
  }
  return plain(reply);
}

/** A code, message or SQL error of another entry, an unknown code, or another product's code. */
function namesAnotherProblem(c: Classification, entry: Entry): boolean {
  if (c.found.some((id) => id !== entry.id)) return true;
  if (c.found.length === 0 && (c.unknownCodes.length > 0 || (c.foreign?.codes.length ?? 0) > 0)) return true;
  return c.corrected.some((x) => x.to !== entry.id);
}

/**
 * "Log backups keep failing since the AG failover" in a connection thread: a report of
 * trouble the classifier would answer unprompted, about another entry. A question about the
 * thread's error that happens to use the same words stays a follow-up.
 */
function describesAnotherProblem(deps: CoreDeps, text: string, entry: Entry, f: FollowUp): boolean {
  if (f.kind === 'not-it' || f.kind === 'thanks') return false;
  const channel = deps.classifier.classify(text, 'channel');
  const top = channel.matches[0];
  if (!channel.trigger || !top || top.id === entry.id) return false;
  return f.kind !== 'ask' || !asksSomething(text);
}

/**
 * The bot answers a DM inline, so the DM conversation holds the context; a reply in a thread
 * of the DM (on the bot's card or the paste) carries on from it until the thread has its own.
 */
async function dmContext(deps: CoreDeps, place: Place): Promise<ThreadContext | undefined> {
  if (place.space !== 'dm' || place.thread === null) return undefined;
  return loadThread(deps, { ...place, thread: null });
}

/** What the thread is about after this answer; undefined when the answer names no entry at all. */
function threadOf(answer: Answer, previous: ThreadContext | undefined): ThreadContext | undefined {
  if (answer.entryId === null && answer.candidateIds.length === 0) return undefined;
  const entryId = answer.entryId ?? previous?.entryId ?? null;
  // A new error in the thread brings its own details; a "did you mean" keeps the old ones.
  const details = answer.entryId !== null ? answer.details : previous?.details;
  return { entryId, candidateIds: answer.candidateIds.filter((id) => id !== entryId), ...(details ? { details } : {}) };
}
