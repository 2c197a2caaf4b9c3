import type { Mode } from '../../intents/types.ts';
import { answerFor, type Answer } from './answer.ts';
import { othersThan } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import { followUpBody, isAnswerable } from './follow-up.ts';
import { loadThread, saveThread, type ThreadContext } from './thread-context.ts';
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

/**
 * A message in a channel, thread or DM. In a thread the bot answered, the message is read
 * as a follow-up first; a new code switches the thread to that entry. Elsewhere, an
 * unaddressed message is answered only when the classifier is confident and the channel
 * is watched; an addressed one (mention, DM) always gets something.
 */
export async function handleMessage(deps: CoreDeps, said: Said): Promise<MessageOutcome | null> {
  const { text, place, addressed } = said;
  const own = await loadThread(deps, place);
  const context = own ?? (await dmContext(deps, place));
  const mode: Mode = addressed ? 'direct' : 'channel';
  const c = deps.classifier.classify(text, mode);

  if (context && c.found.length === 0) {
    const entry = context.entryId === null ? undefined : deps.catalog.get(context.entryId);
    if (entry) {
      const f = deps.classifier.followUp(text, entry);
      if (isAnswerable(f)) {
        // A thread still in use keeps its memory: the expiry counts from the last question.
        if (own) await saveThread(deps, place, own);
        return { body: followUpBody(entry, f), truncated: false };
      }
      if (f.kind === 'thanks') return null;
      if (f.kind === 'not-it') {
        return { body: { kind: 'did-you-mean', query: text.trim(), candidates: othersThan(deps.catalog, entry, context.candidateIds) }, truncated: false };
      }
    }
  } else if (!context && !addressed && !(await isWatching(deps, place))) {
    return null;
  }

  if (!addressed && text.trim() === '') return null;
  const answer = text.trim() === '' ? null : answerFor(deps, text, c, mode);
  if (!answer) return addressed ? { body: { kind: 'help' }, truncated: false } : null;
  const thread = threadOf(answer, context);
  return { body: answer.body, truncated: c.truncated, ...(thread ? { thread } : {}) };
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
  return { entryId, candidateIds: answer.candidateIds.filter((id) => id !== entryId) };
}
