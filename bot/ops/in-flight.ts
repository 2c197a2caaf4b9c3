import type { NextFunction, Request, Response } from 'express';

/**
 * Work the process has accepted and not finished: HTTP requests, and the handling that
 * continues after Slack was acknowledged (Bolt acks first, answers after). Adapters wrap
 * that background work in `track` so a deploy does not cut an answer in half.
 */
export class InFlight {
  private pending = new Set<Promise<unknown>>();
  private draining = false;

  get size(): number {
    return this.pending.size;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /** Express middleware: refuses new requests while draining, counts the others until they end. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (this.draining) {
        res.status(503).set('Connection', 'close').set('Retry-After', '1').json({ error: 'shutting_down' });
        return;
      }
      void this.track(
        new Promise<void>((resolve) => {
          res.once('close', resolve);
          res.once('finish', resolve);
        }),
      );
      next();
    };
  }

  /** Stops taking work; resolves true when everything finished, false at the deadline. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(this.pending), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return true;
  }
}
