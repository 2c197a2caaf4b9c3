import type { Express } from 'express';
import type { Store } from '../store/store.ts';

/**
 * /healthz: the process answers. /readyz: it can do its job (catalog loaded, store
 * reachable), so a load balancer sends it traffic only then.
 */
export function mountHealth(app: Express, deps: { store: Store; catalogSize: number }): void {
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const store = await deps.store.ping().catch(() => false);
    const ready = store && deps.catalogSize > 0;
    res.status(ready ? 200 : 503).json({ ok: ready, store, entries: deps.catalogSize });
  });
}
