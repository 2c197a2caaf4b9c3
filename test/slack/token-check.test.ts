import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { DEFAULT_LIMITS } from '../../bot/core/deps.ts';
import { slackPlatform } from '../../bot/slack/platform.ts';
import { buildBotServer, type BotServer } from '../../bot/http/bot-server.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { ConfigError } from '../../bot/slack/config.ts';
import { createMemoryStore } from '../../bot/store/memory.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { messageEvent, signedHeaders } from '../../testkit/slack-events.ts';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);
const TOKEN = 'xoxb-9-9-revokedtokenvalue';
let slack: FakeSlackApi;
let server: BotServer | null = null;

function build(logs = captureLogger()) {
  return buildBotServer({
    platforms: [slackPlatform({ botToken: TOKEN, signingSecret: '0123456789abcdef0123456789abcdef', appToken: null, apiUrl: slack.url })],
    core: { catalog, classifier, store: createMemoryStore(), clock: Date.now, limits: DEFAULT_LIMITS, logger: logs.logger },
    logger: logs.logger,
  });
}

afterEach(async () => {
  await server?.stop();
  server = null;
  await slack?.stop();
});

describe('bot token check at start', () => {
  it('stops the start when Slack rejects the token, naming the setting', async () => {
    slack = await new FakeSlackApi().start();
    slack.inject('auth.test', { kind: 'slack-error', error: 'invalid_auth' });
    server = build();
    const started = server.start(0, '127.0.0.1');
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
  });

  it('starts anyway when Slack cannot be reached, says so without the token, and answers once Slack is back', async () => {
    slack = await new FakeSlackApi().start();
    for (let i = 0; i < 4; i++) slack.inject('auth.test', { kind: 'status', status: 503 });
    const logs = captureLogger({ secrets: [TOKEN] });
    server = build(logs);
    const port = await server.start(0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(logs.lines.some((l) => l['msg'] === 'slack: could not check the bot token at start')).toBe(true);
    expect(logs.raw.join('')).not.toContain('revokedtokenvalue');

    // The failed check is not remembered: the first event looks the bot up again and is answered.
    const body = messageEvent({ eventId: 'EvAFTER1', channel: 'C0BACK', text: 'UserErrorSQLLSNValidationFailure: Log chain is broken.' });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: signedHeaders('0123456789abcdef0123456789abcdef', body), body });
    expect(res.status).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C0BACK'));
  }, 30_000);
});
