import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { connectionLimits, type ConnectionLimits } from './connection-limits.ts';
import { listenErrorOf } from './listen-error.ts';

export interface HttpServer {
  /** Mount routes here (Slack events, Teams messages, health and metrics): one port for all. */
  readonly app: Express;
  /** Starts listening; port 0 picks a free one. Resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking connections and waits for requests in flight to finish. */
  close(): Promise<void>;
}

/**
 * The single HTTP server, with bounded time to receive a request and a cap on open sockets
 * (see connection-limits.ts). No body parser is installed globally: Bolt must read the raw body
 * to verify Slack's signature, so each route brings its own parsing.
 */
export function createHttpServer(overrides: Partial<ConnectionLimits> = {}): HttpServer {
  const limits = connectionLimits(overrides);
  const app = express();
  app.disable('x-powered-by');
  let server: Server | null = null;
  return {
    app,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const s = createServer(
          {
            headersTimeout: limits.headersTimeoutMs,
            requestTimeout: limits.requestTimeoutMs,
            keepAliveTimeout: limits.keepAliveTimeoutMs,
            connectionsCheckingInterval: limits.checkIntervalMs,
          },
          app,
        );
        s.maxConnections = limits.maxConnections;
        const failed = (error: Error) => reject(listenErrorOf(error, port, host));
        s.once('error', failed);
        const ready = () => {
          s.off('error', failed);
          server = s;
          resolve((s.address() as AddressInfo).port);
        };
        if (host === undefined) s.listen(port, ready);
        else s.listen(port, host, ready);
      });
    },
    close() {
      const s = server;
      server = null;
      if (!s) return Promise.resolve();
      return new Promise((resolve, reject) => {
        s.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets would hold close() open until they time out.
        s.closeIdleConnections();
      });
    },
  };
}
