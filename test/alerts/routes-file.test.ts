import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../bot/config.ts';
import { GROUP, membersAdded, TENANT } from '../teams/activities.ts';
import { nodesOf } from '../teams/validate-card.ts';
import { fixture, startAlertBot, type AlertBot } from './harness.ts';

/** ALERT_ROUTES_FILE: conversations that get alerts, configured as code and validated at start. */

const dir = mkdtempSync(join(tmpdir(), 'alert-routes-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('ALERT_ROUTES_FILE', () => {
  it('stops the start naming the file and the bad field', () => {
    const bad = file('bad.yaml', 'routes:\n  - { platform: irc, team: T1, channel: C1 }\n');
    expect(() => readConfig({ PLAYGROUND: 'off', ALERT_ROUTES_FILE: bad })).toThrow(ConfigError);
    expect(() => readConfig({ PLAYGROUND: 'off', ALERT_ROUTES_FILE: bad })).toThrow(/bad\.yaml is invalid:\n {2}routes\.0\.platform/);
    const severity = file('sev.yaml', 'routes:\n  - { platform: slack, team: T1, channel: C1, filters: { severity: Sev9 } }\n');
    expect(() => readConfig({ PLAYGROUND: 'off', ALERT_ROUTES_FILE: severity })).toThrow(/routes\.0\.filters: severity must be one of Sev0/);
    expect(() => readConfig({ PLAYGROUND: 'off', ALERT_WEBHOOK_TOKEN: 'short' })).toThrow(/ALERT_WEBHOOK_TOKEN must be at least 32 characters/);
  });

  describe('routes an alert to a Teams group chat the app was installed in', () => {
    let bot: AlertBot;
    beforeAll(async () => {
      const routes = file('ok.yaml', `routes:\n  - { platform: teams, team: ${TENANT}, channel: "${GROUP}", space: group, filters: { vault: rsv-prod-weu } }\n`);
      bot = await startAlertBot({ env: { ALERT_ROUTES_FILE: routes } });
    });
    afterAll(async () => {
      await bot.stop();
    });

    it('posts proactively with the reference kept at install, nobody having said alerts here', async () => {
      expect(await bot.teamsSend(membersAdded('groupChat'))).toBe(200);
      expect((await bot.sendAlert(fixture('workload-extension-unhealthy'))).status).toBe(202);
      await bot.settle();
      const posted = bot.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === GROUP);
      expect(posted).toHaveLength(1);
      expect(nodesOf(posted[0]?.body).some((n) => typeof n.text === 'string' && n.text.includes('UserErrorWorkloadExtensionNotInstalled'))).toBe(true);
    });
  });
});
