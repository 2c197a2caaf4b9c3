import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { DEFAULT_LIMITS, type CoreLimits } from '../../bot/core/deps.ts';
import { slackPlatform } from '../../bot/slack/platform.ts';
import { buildBotServer, type BotServer } from '../../bot/http/bot-server.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import type { Store } from '../../bot/store/store.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { signedHeaders } from '../../testkit/slack-events.ts';
import { ResponseUrlServer } from './response-url.ts';

export const SIGNING_SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const BOT_TOKEN = 'xoxb-1234-5678-slacktestsecrettoken';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);

/**
 * The real bot (core, renderer, Bolt's HTTP receiver, listeners) in this process on a free
 * port, with the Slack Web API and response_url replaced by recording servers. Nothing of
 * the bot is mocked: only Slack itself.
 */
export interface TestBot {
  readonly base: string;
  readonly slack: FakeSlackApi;
  readonly hooks: ResponseUrlServer;
  readonly logs: ReturnType<typeof captureLogger>;
  /** POSTs a signed request to /slack/events; resolves with the status and how long the ack took. */
  send(body: string, options?: { contentType?: string; retryNum?: number; timestamp?: number; secret?: string }): Promise<{ status: number; ms: number }>;
  stop(): Promise<void>;
}

export async function startTestBot(limits: Partial<CoreLimits> = {}, store: Store = createMemoryStore()): Promise<TestBot> {
  const slack = await new FakeSlackApi().start();
  const hooks = await new ResponseUrlServer().start();
  const logs = captureLogger({ secrets: [BOT_TOKEN, SIGNING_SECRET] });
  const server: BotServer = buildBotServer({
    platforms: [slackPlatform({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: null, apiUrl: slack.url })],
    core: { catalog, classifier, store, clock: Date.now, limits: { ...DEFAULT_LIMITS, ...limits }, logger: logs.logger },
    logger: logs.logger,
  });
  const port = await server.start(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    slack,
    hooks,
    logs,
    async send(body, o = {}) {
      const headers = signedHeaders(o.secret ?? SIGNING_SECRET, body, {
        ...(o.contentType ? { contentType: o.contentType } : {}),
        ...(o.retryNum !== undefined ? { retryNum: o.retryNum } : {}),
        ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
      });
      const started = performance.now();
      const res = await fetch(`${base}/slack/events`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    },
    async stop() {
      await server.stop();
      await store.close();
      await slack.stop();
      await hooks.stop();
    },
  };
}

export const FORM = 'application/x-www-form-urlencoded';
