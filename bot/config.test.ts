import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

const VALID = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
};

function problem(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('readConfig', () => {
  it('starts with only the two Slack settings, on port 3000 with the in-memory store', () => {
    const config = readConfig(VALID);
    expect(config.port).toBe(3000);
    expect(config.store).toEqual({ kind: 'memory' });
    expect(config.slack?.appToken).toBeNull();
    expect(config.slack?.apiUrl).toBeNull();
    expect(config.limits.perUser.max).toBeGreaterThan(0);
  });

  it('names the missing setting and where to find it', () => {
    expect(problem({ SLACK_SIGNING_SECRET: VALID.SLACK_SIGNING_SECRET })).toMatch(/SLACK_BOT_TOKEN is not set.*OAuth & Permissions/);
    expect(problem({ SLACK_BOT_TOKEN: VALID.SLACK_BOT_TOKEN })).toMatch(/SLACK_SIGNING_SECRET is not set.*Basic Information/);
  });

  it('names a malformed setting', () => {
    expect(problem({ ...VALID, SLACK_BOT_TOKEN: 'xoxp-user-token' })).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(problem({ ...VALID, SLACK_SIGNING_SECRET: 'not hex!' })).toMatch(/SLACK_SIGNING_SECRET looks malformed/);
    expect(problem({ ...VALID, SLACK_APP_TOKEN: 'xoxb-wrong' })).toMatch(/SLACK_APP_TOKEN/);
    expect(problem({ ...VALID, SLACK_API_URL: 'not a url' })).toMatch(/SLACK_API_URL/);
    expect(problem({ ...VALID, PORT: 'eighty' })).toMatch(/PORT/);
    expect(problem({ ...VALID, PORT: '70000' })).toMatch(/PORT/);
    expect(problem({ ...VALID, RATE_LIMIT_USER: '0' })).toMatch(/RATE_LIMIT_USER/);
    expect(problem({ ...VALID, LOG_LEVEL: 'loud' })).toMatch(/LOG_LEVEL/);
    expect(problem({ ...VALID, STORE: 'redis' })).toMatch(/REDIS_URL/);
  });

  it('reads the optional settings', () => {
    const config = readConfig({
      ...VALID,
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      RATE_LIMIT_USER: '5',
      RATE_LIMIT_CHANNEL: '7',
      RATE_LIMIT_WINDOW_SECONDS: '30',
      CATALOG_DIR: '/etc/a:/etc/b',
      BODY_LIMIT_BYTES: '65536',
    });
    expect(config.port).toBe(8080);
    // The Web API client appends method names, so the base must end with a slash.
    expect(config.slack?.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.limits.perUser).toEqual({ max: 5, windowMs: 30_000 });
    expect(config.limits.perChannel).toEqual({ max: 7, windowMs: 30_000 });
    expect(config.catalogDirs).toEqual(['/etc/a', '/etc/b']);
    expect(config.bodyLimitBytes).toBe(65_536);
  });

  it('runs without Slack when no Slack setting is present at all', () => {
    expect(readConfig({}).slack).toBeNull();
    expect(readConfig({ PORT: '4000' }).slack).toBeNull();
  });

  it('needs no signing secret in Socket Mode', () => {
    const config = readConfig({ SLACK_BOT_TOKEN: VALID.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A-123-abc' });
    expect(config.slack?.signingSecret).toBeNull();
    expect(config.slack?.appToken).toBe('xapp-1-A-123-abc');
  });
});
