import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from '../support/loopback.ts';

/**
 * A Bot Framework connector stand-in (the service at an activity's serviceUrl) that can be
 * told to fail: 429 with Retry-After, 5xx, dropped connections. Records every attempt.
 */

export type ConnectorFault = { readonly status: number; readonly retryAfterSec?: number } | 'reset';

export interface ConnectorAttempt {
  readonly method: string;
  readonly conversationId: string;
  readonly at: number;
  readonly status: number | 'reset';
  readonly body: Record<string, unknown>;
}

export class FaultyConnector {
  readonly attempts: ConnectorAttempt[] = [];
  private faults: ConnectorFault[] = [];
  private server: Server | null = null;
  serviceUrl = '';
  private n = 0;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw || '{}') as Record<string, unknown>;
        } catch {
          // recorded as empty
        }
        const fault = this.faults.shift();
        const record = (status: number | 'reset') =>
          this.attempts.push({ method: req.method ?? '', conversationId: decodeURIComponent(match?.[1] ?? ''), at: Date.now(), status, body });
        if (fault === 'reset') {
          record('reset');
          req.socket.destroy();
          return;
        }
        if (fault) {
          record(fault.status);
          if (fault.retryAfterSec !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSec));
          res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'ServiceError', message: 'scripted' } }));
          return;
        }
        record(200);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${++this.n}` }));
      });
    });
    this.server = server;
    this.serviceUrl = `${await listenOnLoopback(server)}/`;
    return this;
  }

  /** The next attempts fail like this, in order, whatever they are for. */
  inject(...faults: ConnectorFault[]): void {
    this.faults.push(...faults);
  }

  clear(): void {
    this.faults = [];
    this.attempts.splice(0);
  }

  delivered(): ConnectorAttempt[] {
    return this.attempts.filter((a) => a.status === 200);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await closeServer(server);
  }
}
