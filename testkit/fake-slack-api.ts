import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from '../test/support/loopback.ts';

/** One Web API call as the bot made it. */
export interface SlackCall {
  readonly method: string;
  readonly token: string | undefined;
  readonly args: Record<string, unknown>;
  readonly at: number;
  /** The ts the stand-in answered a chat.postMessage with (the message's id). */
  posted?: string;
}

/** A scripted failure for the next call(s) to a method. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSec?: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'slack-error'; readonly error: string }
  /** Answers normally, but only after this long (a slow or stuck upstream). */
  | { readonly kind: 'delay'; readonly ms: number };

/**
 * A recording stand-in for https://slack.com/api/: accepts what Bolt's WebClient sends
 * (form-encoded or JSON, Bearer token), answers like Slack, and keeps every call. Scripted
 * faults (429 with Retry-After, 5xx, dropped connections) exercise the retry paths.
 * Loopback only.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  /**
   * light: keep only channel, thread_ts, user and a short text per call (load runs post
   * thousands of cards; their blocks are not needed to count answers).
   */
  constructor(private readonly options: { record?: 'full' | 'light' } = {}) {}

  /** Members of Slack user groups, by group id, as usergroups.users.list answers them. */
  readonly groups = new Map<string, string[]>();
  private faults = new Map<string, Fault[]>();
  private server: Server | null = null;
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.serve(req, res));
    server.keepAliveTimeout = 1000;
    this.server = server;
    this.url = `${await listenOnLoopback(server)}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await closeServer(server);
  }

  /** The next calls to `method` fail like this, in order; then it works again. */
  inject(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Messages the bot posted (chat.postMessage / chat.postEphemeral / chat.update). */
  posts(filter: (call: SlackCall) => boolean = () => true): SlackCall[] {
    return this.calls.filter((c) => /^chat\.(postMessage|postEphemeral|update)$/.test(c.method) && filter(c));
  }

  /** Resolves once `predicate` holds over the recorded calls, or rejects at the deadline. */
  async waitFor(predicate: (calls: readonly SlackCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`fake Slack API: condition not met within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const auth = req.headers.authorization;
    const args = parseArgs(raw, req.headers['content-type']);
    const call: SlackCall = { method, token: auth?.replace(/^Bearer\s+/i, ''), args, at: Date.now() };
    this.calls.push(this.options.record === 'light' ? { ...call, args: lighten(args) } : call);

    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      if (fault.retryAfterSec !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSec));
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' }));
      return;
    }
    if (fault?.kind === 'slack-error') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: fault.error }));
      return;
    }
    const answer = this.answer(method, call.args);
    if (method === 'chat.postMessage') call.posted = String(answer['ts']);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'sqlbackup', team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage':
        return { ok: true, channel: args['channel'], ts, message: { text: args['text'], ts } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'usergroups.users.list':
        return { ok: true, users: this.groups.get(String(args['usergroup'])) ?? [] };
      case 'views.open':
        return { ok: true, view: { id: `V${this.seq}` } };
      case 'conversations.info':
        return { ok: true, channel: { id: args['channel'], is_channel: true, is_member: true } };
      default:
        return { ok: true };
    }
  }
}

function lighten(args: Record<string, unknown>): Record<string, unknown> {
  const { channel, thread_ts, user, text } = args;
  return { channel, thread_ts, user, text: typeof text === 'string' ? text.slice(0, 80) : text };
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The WebClient sends blocks/attachments as JSON strings inside the form.
    out[k] = (k === 'blocks' || k === 'attachments' || k === 'metadata') && v.startsWith('[') ? (JSON.parse(v) as unknown) : v;
  }
  return out;
}
