import type { CoreDeps } from '../deps.ts';
import type { Platforms } from '../platform.ts';
import { threadStarted } from '../thread-started.ts';
import type { Place, Reply } from '../types.ts';
import { alertKeys, placeKey } from './alert-keys.ts';
import type { AlertMetrics } from './alert-metrics.ts';
import { alertCode, type AlertCode } from './code.ts';
import type { AlertEvent } from './parse.ts';
import { keepTarget } from '../azure/targets.ts';
import { alertDatabase, isMuted, ordinal, utc, viewOf, type Problem } from './problem.ts';
import { loadProblem, markClosed, markOpen, openProblem, openProblems, saveProblem, withLock } from './problems.ts';
import { withRetry } from './retry.ts';
import { allSubscriptions, matches, type Subscription } from './subscriptions.ts';

/**
 * Where an accepted alert goes: into every subscribed conversation, as one thread per
 * (protected item, error code) whose root card is redrawn as failures repeat, acknowledged,
 * muted and resolved. Decides; the platforms behind `platforms` only deliver.
 */
export interface AlertDesk {
  receive(alert: AlertEvent): Promise<void>;
  /** Closes problems with no new failure for the quiet period. */
  sweep(): Promise<void>;
}

export interface AlertDeskOptions {
  readonly core: CoreDeps;
  readonly platforms: Platforms;
  /** Subscriptions from ALERT_ROUTES_FILE, besides those said in chat. */
  readonly routes: readonly Subscription[];
  readonly quietMs: number;
  readonly metrics: AlertMetrics;
  readonly retry?: { readonly attempts: number; readonly baseMs: number };
}

const HOUR = 3_600_000;

export function createAlertDesk(options: AlertDeskOptions): AlertDesk {
  const { core, platforms, quietMs, metrics } = options;
  const retry = options.retry ?? { attempts: 4, baseMs: 500 };
  const log = core.logger.child({ component: 'alerts' });

  const platformOf = (place: Place) => {
    const platform = platforms.get(place.platform);
    if (!platform) throw new Error(`alerts: ${place.platform} is not configured on this bot`);
    return platform;
  };
  const card = (problem: Problem): Reply => ({ body: { kind: 'alert', view: viewOf(core, problem, core.clock()) }, delivery: 'thread' });
  const inThread = (problem: Problem): Place => platformOf(problem.place).replyPlace(problem.place, problem.rootId ?? '');
  // A problem whose root never got posted has no thread to speak in; its next alert posts the root.
  const say = async (problem: Problem, text: string) => {
    if (problem.rootId !== null) await platformOf(problem.place).post(inThread(problem), { body: { kind: 'notice', text }, delivery: 'thread' });
  };
  const redraw = async (problem: Problem) => {
    if (problem.rootId !== null) await platformOf(problem.place).update(problem.place, problem.rootId, card(problem));
  };

  async function open(place: Place, alert: AlertEvent, code: AlertCode, now: number): Promise<void> {
    const fired = Date.parse(alert.firedAt ?? '') || now;
    const problem: Problem = {
      id: alertKeys.newProblemId(place, alert.item, code.code, now),
      place,
      rootId: null,
      item: alert.item,
      code,
      alert,
      firstFired: fired,
      lastFired: fired,
      occurrences: 1,
      lastLineAt: now,
      alertIds: [alert.alertId],
      ack: null,
      mute: null,
      resolved: null,
    };
    // Marked open before posting: a retry after a failed post finds it and posts its root.
    await saveProblem(core, problem);
    await markOpen(core, problem);
    await postRoot(problem);
  }

  async function postRoot(problem: Problem): Promise<void> {
    await keepAlertTarget(problem);
    problem.rootId = await platformOf(problem.place).post(problem.place, card(problem));
    await saveProblem(core, problem);
    // The root's thread is a bot thread: follow-ups there are answered for this entry.
    const entryId = problem.code.entryId;
    const diagnosis = viewOf(core, problem, core.clock()).diagnosis;
    const candidateIds = diagnosis?.kind === 'unknown-code' ? diagnosis.candidates.map((c) => c.id) : (diagnosis?.alternatives.map((a) => a.id) ?? []);
    // The alert's names fill the commands of follow-up answers, as a paste's would.
    const a = problem.alert;
    const details = {
      ...(a.sql ? { database: a.sql.database, instance: a.sql.instance } : {}),
      ...(a.vm ? { server: a.vm } : {}),
      ...(a.vault ? { vault: a.vault } : {}),
      ...(a.resourceGroup ? { resourceGroup: a.resourceGroup } : {}),
    };
    await threadStarted(core, inThread(problem), { entryId, candidateIds, details }, Math.max(core.limits.threadTtlMs, quietMs + 24 * HOUR));
  }

  /** What the card's Azure buttons act on, kept as long as the problem lives. */
  async function keepAlertTarget(problem: Problem): Promise<void> {
    const db = core.azure ? alertDatabase(problem) : null;
    if (db) await keepTarget(core, problem.place, db);
  }

  async function repeat(problem: Problem, alert: AlertEvent, now: number): Promise<void> {
    await keepAlertTarget(problem);
    if (problem.rootId === null) await postRoot(problem);
    if (problem.alertIds.includes(alert.alertId)) return;
    problem.alert = alert;
    problem.occurrences += 1;
    problem.lastFired = Math.max(problem.lastFired, Date.parse(alert.firedAt ?? '') || now);
    problem.alertIds = [...problem.alertIds, alert.alertId].slice(-50);
    const announce = !isMuted(problem, now) && now - problem.lastLineAt >= HOUR;
    if (announce) problem.lastLineAt = now;
    await saveProblem(core, problem);
    await redraw(problem);
    if (announce) await say(problem, `Failed again at ${utc(problem.lastFired)}, ${ordinal(problem.occurrences)} time.`);
  }

  async function resolve(problem: Problem, by: 'azure' | 'quiet', at: number): Promise<void> {
    problem.resolved = { by, at };
    await saveProblem(core, problem);
    await markClosed(core, problem);
    await redraw(problem);
    const times = problem.occurrences === 1 ? 'once' : `${problem.occurrences} times`;
    await say(
      problem,
      by === 'azure'
        ? `Resolved by Azure at ${utc(at)} (failed ${times}). A new failure opens a new thread.`
        : `No new failure since ${utc(at)}: closing this after the quiet period (failed ${times}). A new failure opens a new thread.`,
    );
  }

  async function onePlace(place: Place, alert: AlertEvent, code: AlertCode): Promise<void> {
    await withLock(core, alertKeys.lock(place, alert.item, code.code), async () => {
      const now = core.clock();
      let problem = await openProblem(core, place, alert.item, code.code);
      if (problem?.resolved) problem = undefined;
      if (alert.condition === 'Resolved') {
        if (problem && problem.alertIds.includes(alert.alertId)) await resolve(problem, 'azure', Date.parse(alert.resolvedAt ?? '') || now);
        return;
      }
      if (problem && now - problem.lastFired > quietMs) {
        await resolve(problem, 'quiet', problem.lastFired);
        problem = undefined;
      }
      if (problem) await repeat(problem, alert, now);
      else await open(place, alert, code, now);
    });
  }

  async function subscribers(alert: AlertEvent): Promise<Place[]> {
    const all = [...options.routes, ...(await allSubscriptions(core))].filter((s) => matches(s.filters, alert));
    const seen = new Set<string>();
    return all.map((s) => s.place).filter((p) => !seen.has(placeKey(p)) && seen.add(placeKey(p)));
  }

  return {
    async receive(alert) {
      const code = alert.sql ? alertCode(alert, core.catalog, core.classifier) : { entryId: null, code: (alert.originAlertId ?? alert.rule).split('_').pop() ?? alert.rule };
      const places = await subscribers(alert);
      if (places.length === 0) {
        metrics.received('unrouted');
        log.info({ alertId: alert.alertId, condition: alert.condition }, 'alert matched no subscription; nothing posted');
        return;
      }
      await Promise.all(
        places.map(async (place) => {
          try {
            await withRetry(() => onePlace(place, alert, code), retry.attempts, retry.baseMs);
            log.info({ alertId: alert.alertId, condition: alert.condition, code: code.code, platform: place.platform, channel: place.channel }, 'alert delivered');
          } catch (error) {
            metrics.lost();
            log.error({ alertId: alert.alertId, condition: alert.condition, platform: place.platform, channel: place.channel, err: (error as Error).message }, 'alert could not be delivered after retries');
          }
        }),
      );
    },
    async sweep() {
      const now = core.clock();
      const places = [...options.routes, ...(await allSubscriptions(core))].map((s) => s.place);
      for (const place of places) {
        for (const problem of await openProblems(core, place)) {
          if (now - problem.lastFired <= quietMs) continue;
          await withLock(core, alertKeys.lock(place, problem.item, problem.code.code), async () => {
            const fresh = await loadProblem(core, problem.id);
            if (fresh && !fresh.resolved && core.clock() - fresh.lastFired > quietMs) await resolve(fresh, 'quiet', fresh.lastFired);
          }).catch((error: unknown) => log.warn({ problemId: problem.id, err: (error as Error).message }, 'alerts: quiet-period close failed; next sweep tries again'));
        }
      }
    },
  };
}
