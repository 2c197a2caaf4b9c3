import { TestAdapter, type Activity } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { TeamsBot } from '../../bot/teams/bot.ts';
import { membersAdded, message, submit } from './activities.ts';
import { coreDeps } from './core-deps.ts';
import { nodesOf, validateCard } from './validate-card.ts';

/** Conversation flows through botbuilder's TestAdapter: no HTTP, the real core behind. */

let adapter: TestAdapter;

beforeEach(() => {
  const bot = new TeamsBot({ core: coreDeps() });
  adapter = new TestAdapter(async (context) => bot.run(context));
});

function cardOf(activity: Partial<Activity>): Record<string, unknown> {
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = attachment?.content as Record<string, unknown>;
  expect(validateCard(card)).toEqual([]);
  return card;
}
const runs = (card: unknown): string[] => nodesOf(card).filter((n) => n.type === 'TextRun').map((n) => String(n.text));
const submitData = (card: unknown): unknown[] => nodesOf(card).filter((n) => n.type === 'Action.Submit').map((n) => n.data);

/** Sends one activity and returns every reply it produced. */
async function exchange(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity(activity);
  return adapter.activeQueue.splice(0);
}

describe('Teams conversations', () => {
  it('answers a pasted error in a personal chat with the entry card', async () => {
    const replies = await exchange(message('Backup failed: UserErrorSQLNoSysadminMembership on SQLVM01'));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]!);
    expect(runs(card)).toContain('UserErrorSQLNoSysadminMembership');
    // Full width in real Teams: code blocks need the room.
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(submitData(card)).toContainEqual({ sqlbackup: { kind: 'feedback', entryId: 'UserErrorSQLNoSysadminMembership', helpful: true } });
  });

  it('answers a follow-up question in the context of the last entry', async () => {
    await exchange(message('UserErrorSQLNoSysadminMembership'));
    const replies = await exchange(message('is there a powershell command for this?'));
    const card = cardOf(replies[0]!);
    expect(runs(card)).toEqual(expect.arrayContaining([expect.stringContaining('UserErrorSQLNoSysadminMembership'), expect.stringMatching(/^PowerShell/)]));
    expect(nodesOf(card).some((n) => n.fontType === 'monospace' && /Initialize-AzRecoveryServicesBackupProtectableItem/.test(String(n.text)))).toBe(true);
  });

  it('keeps the context of a group chat for follow-ups', async () => {
    await exchange(message('UserErrorSQLNoSysadminMembership', { scope: 'groupChat', mention: true }));
    const replies = await exchange(message('what is the powershell for this?', { scope: 'groupChat', mention: true }));
    expect(runs(cardOf(replies[0]!)).join('\n')).toMatch(/UserErrorSQLNoSysadminMembership[\s\S]*PowerShell/);
  });

  it('answers two chats whose messages carry the same id (Teams ids are timestamps, unique only per conversation)', async () => {
    const id = '1700000099999';
    const personal = await exchange(message('UserErrorSQLNoSysadminMembership', { id }));
    const group = await exchange(message('UserErrorSQLNoSysadminMembership', { id, scope: 'groupChat', mention: true }));
    expect(runs(cardOf(personal[0]!))).toContain('UserErrorSQLNoSysadminMembership');
    expect(group).toHaveLength(1);
    expect(runs(cardOf(group[0]!))).toContain('UserErrorSQLNoSysadminMembership');
  });

  it('in a channel, stays quiet on unmentioned chatter and answers anything said with a mention', async () => {
    expect(await exchange(message('is the build green yet?', { scope: 'channel' }))).toEqual([]);
    const replies = await exchange(message('UserErrorSQLNoSysadminMembership', { scope: 'channel', mention: true }));
    expect(runs(cardOf(replies[0]!))).toContain('UserErrorSQLNoSysadminMembership');
  });

  it('removes the mention before reading the message, so commands work in channels', async () => {
    const replies = await exchange(message('search log chain broken', { scope: 'channel', mention: true }));
    const card = cardOf(replies[0]!);
    expect(runs(card)).toContain('For: log chain broken');
    expect(JSON.stringify(card)).not.toContain('<at>');
  });

  it('takes every command of the core table, watch included, and keeps "watch out" a question', async () => {
    const off = cardOf((await exchange(message('watch off', { scope: 'groupChat', mention: true })))[0]!);
    expect(JSON.stringify(off)).toContain('Stopped watching this channel');
    const alerts = cardOf((await exchange(message('alerts', { scope: 'groupChat', mention: true })))[0]!);
    expect(JSON.stringify(alerts)).toContain('No alerts come here');
    const question = await exchange(message('watch out, the log backup failed again', { scope: 'groupChat', mention: true }));
    expect(JSON.stringify(question)).not.toContain('Watching is');
  });

  it('offers help and the list as commands', async () => {
    const help = cardOf((await exchange(message('help')))[0]!);
    expect(JSON.stringify(help)).toContain('lookup <error code>');
    // Read from the core's command table: the Teams help used to leave watch out.
    expect(JSON.stringify(help)).toContain('watch on | off');
    const list = cardOf((await exchange(message('list', { scope: 'groupChat', mention: true })))[0]!);
    expect(runs(list)).toEqual(expect.arrayContaining(['UserErrorSQLNoSysadminMembership', 'UserErrorParentFullBackupMissing']));
  });

  // TestAdapter's updateActivity swaps the activity with that id in its queue of sent ones.
  it('redraws the clicked card in place after feedback', async () => {
    await adapter.processActivity(message('UserErrorSQLNoSysadminMembership'));
    const [sent] = adapter.activeQueue;
    await adapter.processActivity(submit({ kind: 'feedback', entryId: 'UserErrorSQLNoSysadminMembership', helpful: true }, sent!.id!));
    expect(adapter.activeQueue).toHaveLength(1);
    const updated = adapter.activeQueue[0]!;
    expect(updated.id).toBe(sent!.id);
    const card = cardOf(updated);
    expect(runs(card)).toContain('UserErrorSQLNoSysadminMembership');
    expect(JSON.stringify(card)).toContain('Marked as helpful');
    expect(submitData(card)).toEqual([]);
  });

  it('turns a candidate pick into the entry card, in place of the candidates', async () => {
    await adapter.processActivity(message('sql server backup is failing somehow'));
    const [candidates] = adapter.activeQueue;
    const pick = submitData(cardOf(candidates!)).find((d) => (d as { sqlbackup: { kind: string } }).sqlbackup.kind === 'pick') as { sqlbackup: { entryId: string } };
    await adapter.processActivity(submit(pick.sqlbackup, candidates!.id!));
    expect(adapter.activeQueue).toHaveLength(1);
    expect(runs(cardOf(adapter.activeQueue[0]!))).toContain(pick.sqlbackup.entryId);
  });

  it('answers "Show the rest" with the whole entry in the conversation', async () => {
    const replies = await exchange(submit({ kind: 'more', entryId: 'UserErrorOpeningSQLConnection' }, 'long-card'));
    expect(replies.length).toBeGreaterThan(0);
    const text = replies.flatMap((r) => runs(cardOf(r)));
    expect(text).toContain('UserErrorOpeningSQLConnection');
    expect(text.filter((t) => /^\d+\.$/.test(t)).length).toBeGreaterThan(1);
  });

  it('ignores a forged or foreign Action.Submit value', async () => {
    expect(await exchange(submit({ kind: 'drop-tables' }, 'x'))).toEqual([]);
    expect(await exchange({ ...message(''), value: { something: 'else' } })).toEqual([]);
  });

  it('answers a redelivered activity once', async () => {
    const activity = message('UserErrorSQLNoSysadminMembership', { id: 'same-activity' });
    expect(await exchange(activity)).toHaveLength(1);
    expect(await exchange(activity)).toEqual([]);
  });

  it('introduces itself when installed in a personal chat, and keeps quiet when added to a team', async () => {
    expect(JSON.stringify(cardOf((await exchange(membersAdded('personal')))[0]!))).toContain('SQL Backup helper');
    expect(await exchange(membersAdded('channel'))).toEqual([]);
  });
});
