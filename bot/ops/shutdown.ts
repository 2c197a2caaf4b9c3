import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.ts';

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

export interface ShutdownDeps {
  server: Server;
  inFlight: InFlight;
  logger: Logger;
  /** Closed last, after in-flight work (which may still write thread context). */
  close: readonly (() => Promise<void>)[];
  timeoutMs?: number;
}

/**
 * The SIGTERM sequence: fail readiness and refuse new requests, stop accepting
 * connections, let in-flight work finish (bounded), then close the store. Returns the
 * exit code; calling it twice runs it once.
 */
export function createShutdown(deps: ShutdownDeps): () => Promise<number> {
  let running: Promise<number> | undefined;
  const run = async (): Promise<number> => {
    const timeoutMs = deps.timeoutMs ?? 10_000;
    deps.logger.info({ inFlight: deps.inFlight.size, timeoutMs }, 'shutting down: draining in-flight work');
    const serverClosed = new Promise<void>((resolve) => deps.server.close(() => resolve()));
    deps.server.closeIdleConnections();
    const finished = await deps.inFlight.drain(timeoutMs);
    if (!finished) deps.logger.warn({ abandoned: deps.inFlight.size }, 'shutdown deadline reached with work still in flight');
    deps.server.closeAllConnections();
    await serverClosed;
    const results = await Promise.allSettled(deps.close.map((close) => close()));
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) deps.logger.error({ errors: failed.map((f) => String(f.reason)) }, 'error while closing');
    deps.logger.info('shutdown complete');
    return finished && failed.length === 0 ? 0 : 1;
  };
  return () => (running ??= run());
}

/** Wires SIGTERM/SIGINT to the shutdown sequence and exits with its code. */
export function onSignals(shutdown: () => Promise<number>, proc: NodeJS.Process = process): void {
  const handler = (): void => {
    void shutdown().then((code) => proc.exit(code));
  };
  proc.once('SIGTERM', handler);
  proc.once('SIGINT', handler);
}
