import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * The id of the HTTP request being served, visible to any code running on its behalf:
 * the logger stamps it on every line (Bolt's own included, and the work done after Slack
 * was acknowledged), without passing a logger through every call.
 */
const context = new AsyncLocalStorage<{ readonly reqId: string }>();

export function currentRequestId(): string | undefined {
  return context.getStore()?.reqId;
}

/** A trusted upstream id (load balancer X-Request-Id) when it looks sane, else a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

/** Express middleware: gives each request an id, echoes it in X-Request-Id, and runs the rest of the chain under it. */
export function requestIds() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const reqId = requestIdFrom(req.header('x-request-id'));
    res.setHeader('X-Request-Id', reqId);
    context.run({ reqId }, next);
  };
}
