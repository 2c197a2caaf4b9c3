import { Router } from 'express';
import type { Metrics } from './metrics.ts';
import { metricsAccess } from './metrics-access.ts';

/** A readiness check: true when that dependency can serve. Slow checks count as failed. */
export type ReadyCheck = () => boolean | Promise<boolean>;

export interface OpsRoutesDeps {
  metrics: Metrics;
  /** e.g. { catalog: () => catalog.entries.length > 0, store: () => store.ping() } */
  checks: Record<string, ReadyCheck>;
  /** True once shutdown began: readiness fails so the load balancer stops sending work. */
  draining?: () => boolean;
  checkTimeoutMs?: number;
  /** METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>`; without it, loopback only. */
  metricsToken?: string | undefined;
}

async function withTimeout(check: ReadyCheck, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: the process answers HTTP (restart it if not).
 * GET /readyz:  every check passes and the process is not draining (send it traffic).
 * GET /metrics: Prometheus text format, for loopback or the bearer of METRICS_TOKEN only.
 * Mount before the body limit and the platform handlers; these routes take no body.
 */
export function opsRoutes(deps: OpsRoutesDeps): Router {
  const router = Router();
  const timeoutMs = deps.checkTimeoutMs ?? 1000;

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const names = Object.keys(deps.checks);
    const results = await Promise.all(names.map((name) => withTimeout(deps.checks[name] as ReadyCheck, timeoutMs)));
    const checks: Record<string, boolean> = Object.fromEntries(names.map((n, i) => [n, results[i] === true]));
    const draining = deps.draining?.() ?? false;
    const ready = !draining && results.every(Boolean);
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ready ? 'ready' : draining ? 'draining' : 'not_ready', checks });
  });

  router.get('/metrics', metricsAccess(deps.metricsToken), async (_req, res) => {
    res.set('Content-Type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
