import { describe, expect, it } from 'vitest';
import { captureLogger } from '../../test/support/capture-logger.ts';

describe('logger', () => {
  it('never writes tokens or secrets, whether named by a key or buried in text', () => {
    const signing = 'a3f9c2e1b7d84c6e9f0a1b2c3d4e5f60';
    const appPassword = 'Zq8~x.Y_plm-Secret"Value';
    const { logger, raw } = captureLogger({ secrets: [signing, appPassword] });
    logger.info({ headers: { authorization: 'Bearer abcdefghijklmnop', 'x-slack-signature': 'v0=deadbeef' } }, 'inbound');
    logger.info({ config: { token: 'plain-token-value', client_secret: 'cs-value-123', MicrosoftAppPassword: appPassword } }, 'config');
    logger.error({ err: new Error(`auth failed for xoxb-1234-5678-abcdEFGH using ${signing}`) }, 'slack call failed');
    logger.warn(`retrying https://slack.com/api/oauth.v2.access?code=tmp-code-1&client_secret=cs-value-123 with xapp-1-A0-99-ffee`);
    logger.info({ note: `password is ${appPassword}` }, 'quoted secret');
    const all = raw.join('');
    for (const leaked of ['abcdefghijklmnop', 'deadbeef', 'plain-token-value', 'cs-value-123', 'xoxb-1234', 'xapp-1', 'tmp-code-1', signing, 'Zq8~x']) {
      expect(all).not.toContain(leaked);
    }
    expect(all).toContain('slack call failed');
    expect(all).toContain('[redacted]');
  });

  it('keeps ordinary fields and writes one JSON object per line with a level label', () => {
    const { logger, lines } = captureLogger();
    logger.info({ entryId: 'UserErrorSQLPODoesNotExist', channel: 'C123' }, 'answered');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'answered', entryId: 'UserErrorSQLPODoesNotExist', channel: 'C123' });
  });
});

describe('error counting', () => {
  it('reports each error line with the component or listener it came from', () => {
    const seen: string[] = [];
    const { logger } = captureLogger({ onError: (where) => seen.push(where) });
    logger.child({ listener: 'app_mention' }).error('could not answer');
    logger.child({ component: 'bolt' }).error({ err: 'x' }, 'bolt failed');
    logger.warn('not an error');
    logger.error('top level');
    expect(seen).toEqual(['app_mention', 'bolt', 'bot']);
  });
});
