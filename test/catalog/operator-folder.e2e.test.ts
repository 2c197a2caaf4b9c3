import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBot, type BotProcess } from '../../testkit/bot-process.ts';
import { FakeSlackApi } from '../../testkit/fake-slack-api.ts';
import { messageEvent, nextTs } from '../../testkit/slack-events.ts';

/**
 * CATALOG_DIR as an operator uses it: a folder of the team's own files, merged at start by
 * the real bot process, and visible in the answers Slack receives.
 */

const folder = mkdtempSync(join(tmpdir(), 'ops-catalog-'));
writeFileSync(
  join(folder, 'UserErrorSQLLSNValidationFailure.yaml'),
  `extends: UserErrorSQLLSNValidationFailure
runbook: https://wiki.contoso.example/dba/log-chain#steps
owner: DBA platform team
escalation: "page the SQL on-call, then #dba-escalations"
`,
);
writeFileSync(
  join(folder, 'contoso-tde-key-rotation.yaml'),
  `id: contoso-tde-key-rotation
kind: topic
category: restore
title: Restores fail after the quarterly TDE key rotation
severity: warning
summary: Our Key Vault rotation leaves old certificates out of the restore servers until the DBA team imports them.
causes: [The rotation job ran but the certificate import step was skipped.]
actions: [{ text: "Run the contoso-tde-import pipeline for the target server, then retry the restore." }]
examples: [restore fails after the quarterly key rotation, tde key rotation broke restores, certificate missing after rotation]
docs: { url: "https://wiki.contoso.example/dba/tde#rotation", title: Contoso TDE rotation }
sources: [operator]
`,
);

describe('operator catalog folder through the running bot', () => {
  const slack = new FakeSlackApi();
  let bot: BotProcess;

  beforeAll(async () => {
    await slack.start();
    bot = await startBot('operator', botEnv({ slackApiUrl: slack.url, extra: { CATALOG_DIR: folder } }));
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await slack.stop();
  });

  async function ask(text: string, channel: string): Promise<string> {
    const body = messageEvent({ eventId: `Ev${channel}`, type: 'app_mention', channel, ts: nextTs(), text: `<@UBOT> ${text}` });
    expect(await bot.deliver(body)).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel));
    const [answer] = slack.posts((c) => c.args['channel'] === channel);
    return JSON.stringify(answer?.args['blocks']);
  }

  it('shows the team runbook, owner and escalation on the built-in entry', async () => {
    const card = await ask('Log chain is broken.', 'COPS1');
    expect(card).toContain('https://wiki.contoso.example/dba/log-chain#steps');
    expect(card).toContain('DBA platform team');
    expect(card).toContain('page the SQL on-call');
  });

  it('answers with an entry that exists only in the operator folder', async () => {
    const card = await ask('contoso-tde-key-rotation', 'COPS2');
    expect(card).toContain('Restores fail after the quarterly TDE key rotation');
  });
});
