import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from '../support/loopback.ts';

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
      void readBody(req).then((raw) => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          body = { _raw: raw };
        }
        this.hooks.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    this.server = server;
    this.base = await listenOnLoopback(server);
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
    await closeServer(server);
  }
}
