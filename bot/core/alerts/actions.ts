import { mayWrite } from '../azure/allow-list.ts';
import { audit } from '../azure/audit.ts';
import { inTime } from '../azure/in-time.ts';
import { AzureError, type AlertState } from '../azure/port.ts';
import { failureText, privately, REFUSED } from '../azure/texts.ts';
import type { CoreDeps } from '../deps.ts';
import type { CardAction, Place, Reply, Who } from '../types.ts';
import { alertKeys } from './alert-keys.ts';
import { utc, viewOf, type Problem } from './problem.ts';
import { loadProblem, markClosed, saveProblem, withLock } from './problems.ts';

type AlertAction = Extract<CardAction, { kind: 'alert' }>;

const GONE = privately('That alert is no longer tracked (it closed over 30 days ago).');
/** A press that changes Azure is sent once, however often it arrives, on any replica. */
const PRESS_TTL_MS = 2 * 60_000;

const cardOf = (deps: CoreDeps, problem: Problem): Reply => ({ body: { kind: 'alert', view: viewOf(deps, problem, deps.clock()) }, delivery: 'replace' });

/**
 * Acknowledge, close, mute and unmute on an alert's root card. The redrawn card replaces the
 * one pressed, so everybody in the conversation sees who did what. A press only counts in the
 * conversation the problem lives in: a forged problem id from elsewhere changes nothing.
 * With AZURE_ACTIONS=on, Acknowledge and Close set the Azure alerts' state first, and only
 * for the people allowed to; the card changes only when Azure did.
 */
export async function alertAction(deps: CoreDeps, place: Place, who: Who, action: AlertAction, requestId: string): Promise<Reply> {
  const problem = await loadProblem(deps, action.problemId);
  if (!problem || problem.place.platform !== place.platform || problem.place.team !== place.team || problem.place.channel !== place.channel) return GONE;
  if (action.op === 'ack' || action.op === 'close') {
    // Already done (a stale card, a second client): nothing to send anywhere.
    if (problem.resolved || (action.op === 'ack' && problem.ack)) return cardOf(deps, problem);
    if (deps.azure) return azureState(deps, place, who, problem, action, requestId);
  }
  return cardOf(deps, await apply(deps, problem, who, action));
}

/**
 * Changes the problem under the lock the alerts desk holds while it records a repeat, on the
 * problem as stored now: a repeat that arrived meanwhile (or while Azure answered) is kept.
 */
async function apply(deps: CoreDeps, problem: Problem, who: Who, action: AlertAction): Promise<Problem> {
  return withLock(deps, alertKeys.lock(problem.place, problem.item, problem.code.code), async () => {
    const fresh = (await loadProblem(deps, problem.id)) ?? problem;
    const now = deps.clock();
    const by = who.name ?? who.id;
    if (action.op === 'ack') fresh.ack ??= { by, at: now };
    if (action.op === 'close') fresh.resolved ??= { by: 'user', who: by, at: now };
    if (action.op === 'mute') fresh.mute = { by, until: action.hours ? now + action.hours * 3_600_000 : null };
    if (action.op === 'unmute') fresh.mute = null;
    await saveProblem(deps, fresh);
    if (action.op === 'close') await markClosed(deps, fresh);
    return fresh;
  });
}

/** Sets every alert of the problem to the state in Azure, then the card; the outcome in time, or in the thread. */
async function azureState(deps: CoreDeps, place: Place, who: Who, problem: Problem, action: AlertAction, requestId: string): Promise<Reply> {
  const state: AlertState = action.op === 'ack' ? 'Acknowledged' : 'Closed';
  const kind = state === 'Acknowledged' ? 'alert-acknowledge' : 'alert-close';
  const record = (target: string, result: Parameters<typeof audit>[1]['result']) => audit(deps, { place, user: who.id, action: kind, target, result, requestId });
  if (!(await mayWrite(deps, place, who.id))) {
    record(problem.alert.alertId, { ok: false, reason: 'not-allowed' });
    return privately(REFUSED);
  }
  const press = `azure:alert:${problem.id}:${action.op}`;
  if (!(await deps.store.claim(press, PRESS_TTL_MS))) return privately('That was just pressed; the card changes as soon as Azure confirms.');

  const work = (async (): Promise<{ problem: Problem } | { failed: string }> => {
    // Every alert the problem counted, not only the latest: the older ones would stay "New" in Azure.
    const results = await Promise.allSettled(problem.alertIds.map((id) => deps.azure!.actions.setAlertState(id, state)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as Error | undefined;
    results.forEach((r, i) => {
      const reason = r.status === 'rejected' ? (r.reason instanceof AzureError ? r.reason.failure.kind : 'failed') : null;
      record(problem.alertIds[i]!, reason ? { ok: false, reason } : { ok: true });
    });
    if (failure !== undefined) {
      await deps.store.delete(press);
      if (!(failure instanceof AzureError)) throw failure;
      return { failed: failureText(failure.failure, 'alerts', `set the alert to ${state}`) };
    }
    const changed = await apply(deps, problem, who, action);
    const line = `${state === 'Acknowledged' ? 'acknowledged' : 'closed'} the alert in Azure at ${utc(deps.clock())}.`;
    await deps.azure!.conversations.post(place, { body: { kind: 'notice', text: line, by: who }, delivery: 'thread' }).catch((e: unknown) => {
      deps.logger.warn({ err: (e as Error).message }, 'could not post the alert state line');
    });
    return { problem: changed };
  })();

  const quick = await inTime(work);
  if (quick) return 'failed' in quick ? privately(quick.failed) : cardOf(deps, quick.problem);
  void work
    .then(async (outcome) => {
      const conversations = deps.azure!.conversations;
      if ('failed' in outcome) await conversations.post(place, { body: { kind: 'notice', text: outcome.failed }, delivery: 'thread' });
      else if (outcome.problem.rootId !== null) await conversations.update(outcome.problem.place, outcome.problem.rootId, { ...cardOf(deps, outcome.problem), delivery: 'thread' });
    })
    .catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'could not show an alert state change'));
  return privately(`Asking Azure to set the alert to ${state}; the card changes as soon as it confirms.`);
}
