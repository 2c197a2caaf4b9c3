import { mayWrite } from '../azure/allow-list.ts';
import { audit } from '../azure/audit.ts';
import { AzureError, type AlertState } from '../azure/port.ts';
import { failureText, REFUSED } from '../azure/texts.ts';
import type { CoreDeps } from '../deps.ts';
import type { CardAction, Place, Reply, Who } from '../types.ts';
import { utc, viewOf, type Problem } from './problem.ts';
import { loadProblem, markClosed, saveProblem } from './problems.ts';

const GONE: Reply = { body: { kind: 'notice', text: 'That alert is no longer tracked (it closed over 30 days ago).' }, delivery: 'ephemeral' };
const privately = (text: string): Reply => ({ body: { kind: 'notice', text }, delivery: 'ephemeral' });

/**
 * Acknowledge, close, mute and unmute on an alert's root card. The redrawn card replaces the
 * one pressed, so everybody in the conversation sees who did what. A press only counts in the
 * conversation the problem lives in: a forged problem id from elsewhere changes nothing.
 * With AZURE_ACTIONS=on, Acknowledge and Close set the Azure alert's state first, and only
 * for the people allowed to; the card changes only when Azure did.
 */
export async function alertAction(deps: CoreDeps, place: Place, who: Who, action: Extract<CardAction, { kind: 'alert' }>, requestId: string): Promise<Reply> {
  const problem = await loadProblem(deps, action.problemId);
  if (!problem || problem.place.platform !== place.platform || problem.place.team !== place.team || problem.place.channel !== place.channel) return GONE;
  const now = deps.clock();
  const by = who.name ?? who.id;
  if (action.op === 'ack' || action.op === 'close') {
    if (problem.resolved) return { body: { kind: 'alert', view: viewOf(deps, problem, now) }, delivery: 'replace' };
    const refused = await setAzureState(deps, place, who, problem, action.op === 'ack' ? 'Acknowledged' : 'Closed', requestId);
    if (refused) return refused;
  }
  if (action.op === 'ack') problem.ack ??= { by, at: now };
  if (action.op === 'close') problem.resolved = { by: 'user', who: by, at: now };
  if (action.op === 'mute') problem.mute = { by, until: action.hours ? now + action.hours * 3_600_000 : null };
  if (action.op === 'unmute') problem.mute = null;
  await saveProblem(deps, problem);
  if (action.op === 'close') await markClosed(deps, problem);
  return { body: { kind: 'alert', view: viewOf(deps, problem, now) }, delivery: 'replace' };
}

/** Null when the state was set in Azure (or the team did not opt in); else the private answer. */
async function setAzureState(deps: CoreDeps, place: Place, who: Who, problem: Problem, state: AlertState, requestId: string): Promise<Reply | null> {
  if (!deps.azure) return null;
  const action = state === 'Acknowledged' ? 'alert-acknowledge' : 'alert-close';
  const target = problem.alert.alertId;
  if (!(await mayWrite(deps, place, who.id))) {
    audit(deps, { place, user: who.id, action, target, result: { ok: false, reason: 'not-allowed' }, requestId });
    return privately(REFUSED);
  }
  try {
    await deps.azure.actions.setAlertState(target, state);
  } catch (error) {
    if (!(error instanceof AzureError)) throw error;
    audit(deps, { place, user: who.id, action, target, result: { ok: false, reason: error.failure.kind }, requestId });
    return privately(failureText(error.failure, 'alerts', `set the alert to ${state}`));
  }
  audit(deps, { place, user: who.id, action, target, result: { ok: true }, requestId });
  const line = `${state === 'Acknowledged' ? 'acknowledged' : 'closed'} the alert in Azure at ${utc(deps.clock())}.`;
  await deps.azure.conversations.post(place, { body: { kind: 'notice', text: line, by: who }, delivery: 'thread' }).catch((e: unknown) => {
    deps.logger.warn({ err: (e as Error).message }, 'could not post the alert state line');
  });
  return null;
}
