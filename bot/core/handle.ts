import { handleAction } from './actions.ts';
import { withPastedTarget } from './azure/pasted-target.ts';
import { TRUNCATED_NOTE } from './answer.ts';
import { runCommand } from './commands.ts';
import type { CoreDeps } from './deps.ts';
import { keys } from './keys.ts';
import { handleMessage } from './messages.ts';
import { observe } from './observe.ts';
import { checkRate } from './rate-limit.ts';
import type { ThreadContext } from './thread-context.ts';
import { recordAnswers } from './recent-answers.ts';
import { threadStarted } from './thread-started.ts';
import type { Incoming, Reply, ReplyBody } from './types.ts';
import { countUsage } from './usage.ts';


/**
 * The one entry point every adapter calls. Returns what to say and how to deliver it, or
 * null to stay quiet (chatter, a duplicate delivery, a refused request already told).
 */
export async function handle(incoming: Incoming, deps: CoreDeps): Promise<Reply | null> {
  const started = performance.now();
  deps.metrics?.seen(incoming.place.platform, incoming.type);
  const reply = await decide(incoming, deps);
  observe(deps, incoming, reply, (performance.now() - started) / 1000);
  return reply;
}

async function decide(incoming: Incoming, deps: CoreDeps): Promise<Reply | null> {
  // A delivery that Slack retried or that reached two replicas is answered once.
  if (!(await deps.store.claim(keys.delivery(incoming.place, incoming.id), deps.limits.dedupeTtlMs))) {
    deps.logger.debug({ deliveryId: incoming.id }, 'duplicate delivery ignored');
    deps.metrics?.duplicate(incoming.place.platform);
    return null;
  }
  if (incoming.type === 'action') return handleAction(deps, incoming);

  const outcome: { body: ReplyBody; truncated: boolean; thread?: ThreadContext } | null =
    incoming.type === 'command'
      ? await runCommand(deps, incoming.place, incoming.text)
      : await handleMessage(deps, incoming);
  if (!outcome) return null;

  // Only answers count towards the limits: chatter the bot ignores costs nobody anything.
  const rate = await checkRate(deps, incoming.place, incoming.user);
  if (!rate.ok) deps.metrics?.rateLimited(incoming.place.platform);
  if (!rate.ok) return rate.tell ? { body: { kind: 'notice', text: rate.note }, delivery: 'ephemeral' } : null;
  // A refused answer was never seen, so it must not change what the thread is about.
  if (outcome.thread) await threadStarted(deps, incoming.place, outcome.thread);

  if (outcome.body.kind === 'entries') {
    await Promise.all(outcome.body.entries.map((entry) => countUsage(deps, entry.id, 'answered')));
    await recordAnswers(deps, incoming.place, incoming.user, outcome.body.entries);
  }
  const delivery = incoming.type === 'command' ? 'ephemeral' : 'thread';
  const body = await withPastedTarget(deps, incoming.place, incoming.text, outcome.body);
  return withNote({ body, delivery }, outcome.truncated);
}

function withNote(reply: { body: ReplyBody; delivery: Reply['delivery'] }, truncated: boolean): Reply {
  return truncated ? { ...reply, note: TRUNCATED_NOTE } : reply;
}
