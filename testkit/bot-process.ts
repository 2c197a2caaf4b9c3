import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { freePort, startRedis, type TestRedis } from './redis-server.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { signedHeaders } from './slack-events.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A real bot process, as an operator would run it (node + tsx + bot/main.ts). */
export interface BotProcess {
  readonly name: string;
  readonly port: number;
  readonly base: string;
  readonly pid: number;
  /** Parsed JSON log lines so far (stdout). */
  readonly logs: Record<string, unknown>[];
  readonly stderr: string[];
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Peak resident memory so far (Linux VmHWM), in bytes; null elsewhere. */
  peakRss(): number | null;
  /** POSTs a body to /slack/events signed as Slack signs it; resolves with the HTTP status. */
  deliver(body: string, options?: { retryNum?: number; contentType?: string }): Promise<number>;
}

export const TEST_SIGNING_SECRET = 'a3f9c2e1b7d84c6e9f0a1b2c3d4e5f60';
export const TEST_BOT_TOKEN = 'xoxb-0000000000-1111111111-testtokenvalue';

export interface BotEnvOptions {
  slackApiUrl: string;
  redisUrl?: string;
  extra?: Record<string, string>;
}

/** The environment a test bot runs with: Slack in HTTP mode against the fake Web API. */
export function botEnv(o: BotEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: o.slackApiUrl,
    LOG_LEVEL: 'info',
    DOTENV_CONFIG_QUIET: 'true',
    NODE_ENV: 'test',
  };
  if (o.redisUrl) env['REDIS_URL'] = o.redisUrl;
  else env['STORE'] = 'memory';
  return { ...env, ...o.extra };
}

export async function startBot(name: string, env: Record<string, string>, readyTimeoutMs = 45_000, nodeArgs: readonly string[] = []): Promise<BotProcess> {
  const port = await freePort();
  // Only PATH and HOME from the parent: a developer's own SLACK_* or REDIS_URL must not leak in.
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line, unparsed: true });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot ${name} exited with ${child.exitCode}: ${stderr.join('')} ${JSON.stringify(logs.slice(-5))}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot ${name} not ready within ${readyTimeoutMs} ms: ${stderr.join('')} ${JSON.stringify(logs.slice(-5))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    name,
    port,
    base,
    pid: child.pid ?? -1,
    logs,
    stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async deliver(body, options = {}) {
      // Interactions and slash commands are form-encoded; events are JSON.
      const contentType = options.contentType ?? (body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
      const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(TEST_SIGNING_SECRET, body, { ...options, contentType }), body });
      await res.arrayBuffer();
      return res.status;
    },
    peakRss() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : null;
      } catch {
        return null;
      }
    },
  };
}

export interface ReplicaPair {
  readonly redis: TestRedis;
  readonly slack: FakeSlackApi;
  readonly a: BotProcess;
  readonly b: BotProcess;
}

/**
 * Two real bot processes sharing one real redis-server and one recording Slack Web API,
 * started before the enclosing describe's tests and stopped after them. Read the fields
 * inside tests (they are set by the beforeAll hook).
 */
export function useTwoReplicas(extra: () => Record<string, string> = () => ({})): ReplicaPair {
  const slack = new FakeSlackApi();
  const pair = { slack } as { redis: TestRedis; slack: FakeSlackApi; a: BotProcess; b: BotProcess };
  beforeAll(async () => {
    pair.redis = await startRedis();
    await slack.start();
    [pair.a, pair.b] = await Promise.all([
      startBot('a', botEnv({ slackApiUrl: slack.url, redisUrl: pair.redis.url, extra: extra() })),
      startBot('b', botEnv({ slackApiUrl: slack.url, redisUrl: pair.redis.url, extra: extra() })),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([pair.a?.stop(), pair.b?.stop()]);
    await slack.stop();
    await pair.redis?.stop();
  });
  return pair;
}
