import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hook {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** A recording stand-in for Slack's response_url endpoints (hooks.slack.com). Loopback only. */
export class ResponseUrlServer {
  readonly hooks: Hook[] = [];
  private server: Server | null = null;
  private base = '';
  private seq = 0;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          body = { _raw: Buffer.concat(chunks).toString('utf8') };
        }
        this.hooks.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** A fresh response_url, so each test reads only its own hooks. */
  url(): string {
    return `${this.base}/hooks/${++this.seq}`;
  }

  to(url: string): Hook[] {
    const path = new URL(url).pathname;
    return this.hooks.filter((h) => h.path === path);
  }

  async waitFor(url: string, count = 1, timeoutMs = 10_000): Promise<Hook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(url).length < count) {
      if (Date.now() > deadline) throw new Error(`response_url ${url}: ${this.to(url).length} of ${count} posts within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.to(url);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
