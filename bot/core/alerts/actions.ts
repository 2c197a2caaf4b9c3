import type { CoreDeps } from '../deps.ts';
import type { CardAction, Place, Reply } from '../types.ts';
import { viewOf } from './problem.ts';
import { loadProblem, saveProblem } from './problems.ts';

const GONE: Reply = { body: { kind: 'notice', text: 'That alert is no longer tracked (it closed over 30 days ago).' }, delivery: 'ephemeral' };

/**
 * Acknowledge, mute and unmute on an alert's root card. The redrawn card replaces the one
 * pressed, so everybody in the conversation sees who did what. A press only counts in the
 * conversation the problem lives in: a forged problem id from elsewhere changes nothing.
 */
export async function alertAction(deps: CoreDeps, place: Place, user: string, action: Extract<CardAction, { kind: 'alert' }>): Promise<Reply> {
  const problem = await loadProblem(deps, action.problemId);
  if (!problem || problem.place.platform !== place.platform || problem.place.team !== place.team || problem.place.channel !== place.channel) return GONE;
  const now = deps.clock();
  if (action.op === 'ack') problem.ack ??= { by: user, at: now };
  if (action.op === 'mute') problem.mute = { by: user, until: action.hours ? now + action.hours * 3_600_000 : null };
  if (action.op === 'unmute') problem.mute = null;
  await saveProblem(deps, problem);
  return { body: { kind: 'alert', view: viewOf(deps, problem, now) }, delivery: 'replace' };
}
