import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from '../support/loopback.ts';

/**
 * Stands in for the Bot Framework connector (the service behind `serviceUrl`): records
 * every reply (POST) and card update (PUT) the bot makes, and answers like the real one.
 */

export interface ConnectorCall {
  readonly method: string;
  readonly conversationId: string;
  /** The activity replied to (POST) or updated (PUT); null for a new message. */
  readonly activityId: string | null;
  readonly body: Record<string, unknown>;
}

export interface FakeConnector {
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const match = ROUTE.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404).end();
      return;
    }
    readBody(req)
      .then((raw) => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        calls.push({
          method: req.method ?? '',
          conversationId: decodeURIComponent(match[1]!),
          activityId: match[2] ? decodeURIComponent(match[2]) : null,
          body,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: req.method === 'PUT' ? match[2] : `sent-${String(++n)}` }));
      })
      .catch(() => res.writeHead(400).end());
  });
  return {
    serviceUrl: `${await listenOnLoopback(server)}/`,
    calls,
    close: () => closeServer(server),
  };
}
