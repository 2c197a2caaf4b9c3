import { beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { silentLogger } from '../ops/logger.ts';
import { createMemoryStore } from '../store/memory.ts';
import { DEFAULT_LIMITS, type CoreDeps, type CoreLimits } from './deps.ts';
import { handle } from './handle.ts';
import type { CardAction, Incoming, Place, Reply, ReplyBody } from './types.ts';
import { usageOver } from './usage.ts';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);
const LSN = 'UserErrorSQLLSNValidationFailure';
const SYSADMIN = 'UserErrorSQLNoSysadminMembership';

let now = Date.parse('2026-11-25T03:00:00Z');
let seq = 0;
let deps: CoreDeps;

function makeDeps(limits: Partial<CoreLimits> = {}): CoreDeps {
  const clock = () => now;
  return { catalog, classifier, store: createMemoryStore({ clock }), clock, limits: { ...DEFAULT_LIMITS, ...limits }, logger: silentLogger() };
}

const channel = (thread: string | null = null, ch = 'C1'): Place => ({ platform: 'slack', team: 'T1', channel: ch, thread, space: 'channel' });
const dm: Place = { platform: 'slack', team: 'T1', channel: 'D1', thread: null, space: 'dm' };

function say(text: string, place: Place, addressed = false, user = 'U1'): Promise<Reply | null> {
  return handle({ type: 'message', id: `ev${++seq}`, user, place, text, addressed }, deps);
}
function command(text: string, place: Place = channel(), user = 'U1'): Promise<Reply | null> {
  return handle({ type: 'command', id: `cmd${++seq}`, user, place, text }, deps);
}
function press(action: CardAction, place: Place, user = 'U1'): Promise<Reply | null> {
  return handle({ type: 'action', id: `act${++seq}`, user, place, action }, deps);
}
function body<K extends ReplyBody['kind']>(reply: Reply | null, kind: K): Extract<ReplyBody, { kind: K }> {
  expect(reply?.body.kind).toBe(kind);
  return reply?.body as Extract<ReplyBody, { kind: K }>;
}
const entryIds = (reply: Reply | null) => body(reply, 'entries').entries.map((e) => e.id);

beforeEach(() => {
  deps = makeDeps();
});

describe('channel pastes', () => {
  it('answers a pasted failure in its thread with the entry', async () => {
    const reply = await say(`Backup failed: ${LSN} Log chain is broken.`, channel('100.1'));
    expect(reply?.delivery).toBe('thread');
    expect(entryIds(reply)).toEqual([LSN]);
  });

  it('stays quiet on chatter', async () => {
    for (const text of ['morning all', 'lunch?', 'the deploy went fine', 'can someone review my PR']) {
      expect(await say(text, channel(`200.${++seq}`))).toBeNull();
    }
  });

  it('answers each code of a paste that names several', async () => {
    const reply = await say(`job 1: ${LSN}\njob 2: ${SYSADMIN}`, channel('300.1'));
    expect(entryIds(reply)).toEqual([LSN, SYSADMIN]);
  });

  it('answers a delivery id only once', async () => {
    const incoming: Incoming = { type: 'message', id: 'EvSAME', user: 'U1', place: channel('400.1'), text: LSN, addressed: false };
    expect(await handle(incoming, deps)).not.toBeNull();
    expect(await handle(incoming, deps)).toBeNull();
  });

  it('stays quiet after watch off and answers again after watch on, while mentions still work', async () => {
    body(await command('watch off', channel(null, 'CW')), 'notice');
    expect(await say(LSN, channel('500.1', 'CW'))).toBeNull();
    expect(entryIds(await say(LSN, channel('500.2', 'CW'), true))).toEqual([LSN]);
    expect(body(await command('watch', channel(null, 'CW')), 'notice').text).toMatch(/off/);
    await command('watch on', channel(null, 'CW'));
    expect(entryIds(await say(LSN, channel('500.3', 'CW')))).toEqual([LSN]);
  });

  it('says when a paste was too long to read whole', async () => {
    const reply = await say(`${LSN} ${'x '.repeat(40_000)}`, channel('600.1'));
    expect(reply?.note).toMatch(/long/);
  });
});

describe('threads', () => {
  it('answers follow-ups from the entry the thread is about', async () => {
    const thread = channel('700.1');
    await say(`${LSN}: Log chain is broken.`, thread);
    const entry = catalog.get(LSN);
    const why = body(await say('why does this happen?', thread), 'follow-up');
    expect(why.entry.id).toBe(LSN);
    expect(why.items).toEqual(entry?.causes);
    const heal = body(await say('will it fix itself?', thread), 'follow-up');
    expect(heal.text).toBe(entry?.facets.find((f) => f.topic === 'auto-heal')?.answer);
    const fix = body(await say('how do I fix it?', thread), 'follow-up');
    expect(fix.actions).toEqual(entry?.actions);
  });

  it('remembers a thread for as long as it is in use, and forgets it a week after the last question', async () => {
    const thread = channel('705.1');
    const week = DEFAULT_LIMITS.threadTtlMs;
    await say(`${LSN}: Log chain is broken.`, thread);
    now += week - 3_600_000;
    expect(body(await say('why?', thread), 'follow-up').entry.id).toBe(LSN);
    now += week - 3_600_000; // nearly two weeks after the paste, a week after the last question
    expect(body(await say('is it safe to retry?', thread), 'follow-up').entry.id).toBe(LSN);
    now += week + 3_600_000;
    expect(await say('how do I fix it?', thread)).toBeNull();
  });

  it('reads each turn in the thread: new problems, rejections, off-topic questions, questions never met with silence', async () => {
    const thread = channel('711.1');
    await say('Cannot take backup as transaction log for the data source is full.', thread);
    // An unknown code is a new problem, not a question about the log-full entry.
    expect(body(await say('UserErrorFooBarBazQux happened last night', thread), 'unknown-code').codes).toEqual(['UserErrorFooBarBazQux']);
    const other = channel('712.1');
    await say('UserErrorOpeningSQLConnection', other);
    expect(body(await say('how to reset my VPN password?', other), 'notice').text).toMatch(/outside what I know/);
    for (const q of ['what can I do?', 'options?', 'what should I check?', 'do I need to do anything?']) {
      expect(body(await say(q, other), 'follow-up').entry.id, q).toBe('UserErrorOpeningSQLConnection');
    }
    expect(await say('ok', other)).toBeNull();
  });

  it('after a "did you mean" in a channel thread, answers a question there but not talk between people', async () => {
    const thread = channel('716.1');
    await say('sql backup is failing somehow, any idea', thread, true);
    expect(await say('ok, I will check with Bob', thread)).toBeNull();
    expect(await say('does the log chain break when someone takes a native backup?', thread)).not.toBeNull();
  });

  it('offers the next candidates on a rejection with clues, leaving out what the clues rule out', async () => {
    const thread = channel('713.1');
    await say('UserErrorSQLPODoesNotSupportBackupType', thread);
    const offered = body(await say("nope, that's not it - recovery model is FULL and it isn't master", thread), 'did-you-mean').candidates;
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.map((c) => c.id)).not.toContain('UserErrorSQLPODoesNotSupportBackupType');
    expect(offered.filter((c) => /master/i.test(c.title))).toEqual([]);
  });

  it('uses what the paste says: master with a differential backup will never run, and the database fills the commands', async () => {
    const paste = JSON.stringify({
      properties: {
        entityFriendlyName: 'MSSQLSERVER/master [sqlvm-01.contoso.com]',
        operation: 'Backup (Differential)',
        errorDetails: [{ errorCode: 1, errorTitle: 'UserErrorSQLPODoesNotSupportBackupType' }],
      },
    });
    const first = body(await say(paste, channel('714.1')), 'entries');
    expect(first.details).toMatchObject({ database: 'master', backupType: 'Differential', instance: 'MSSQLSERVER', server: 'sqlvm-01.contoso.com' });
    expect(first.advice?.join(' ')).toMatch(/master takes full backups only.*never run/);
  });

  it('reads a job on an availability group secondary as the secondary\'s error', async () => {
    const reply = await say('UserErrorSQLPODoesNotSupportBackupType on the secondary replica, Backup (Differential)', channel('714.9'));
    expect(entryIds(reply)).toEqual(['UserErrorSQLPODoesNotSupportBackupTypeOnSecondaryNode']);
  });

  it('keeps a hostile database name inert in every command it fills', async () => {
    // T-SQL with every quoted identifier and string taken out: what is left is what SQL Server runs as code.
    const bare = (sql: string): string => sql.replace(/\[(?:[^\]]|\]\])*\]|N?'(?:[^']|'')*'/g, '');
    for (const name of ['x]; DROP TABLE t; --', '$(rm -rf /)', "'; EXEC xp_cmdshell 'dir'; --"]) {
      const thread = channel(`715.${++seq}`);
      await say(`UserErrorOperationNotAllowedDatabaseMirroringEnabled ${JSON.stringify({ entityFriendlyName: `MSSQLSERVER/${name} [sqlvm-02]` })}`, thread);
      const reply = body(await say('t-sql?', thread), 'follow-up');
      const sql = [reply.code, ...(reply.actions ?? []).map((a) => a.code)].filter((c) => c?.lang === 'sql').map((c) => c!.body).join('\n');
      expect(reply.filled, name).toEqual([`database = ${name}`]);
      expect(sql).toContain('SET PARTNER OFF');
      expect(bare(sql)).not.toMatch(/DROP TABLE|xp_cmdshell|rm -rf/);
    }
  });

  it('stays quiet on thanks and on talk between people in the thread', async () => {
    const thread = channel('720.1');
    await say(LSN, thread);
    expect(await say('thanks!', thread)).toBeNull();
    expect(await say('ok, I will call Bob about the maintenance plan', thread)).toBeNull();
  });

  it('switches the thread to a new code pasted in it', async () => {
    const thread = channel('730.1');
    await say(LSN, thread);
    expect(entryIds(await say(`now it says ${SYSADMIN}`, thread))).toEqual([SYSADMIN]);
    expect(body(await say('why?', thread), 'follow-up').entry.id).toBe(SYSADMIN);
  });

  it('offers the other candidates on "that\'s not it"', async () => {
    const thread = channel('740.1');
    // A misspelt code: the bot answers its best guess and keeps the runners-up.
    const first = body(await say('UserErrorSQLLSNValidationFailureX happened', thread, true), 'entries');
    expect(first.entries.map((e) => e.id)).toEqual([LSN]);
    const candidates = body(await say("that's not it", thread), 'did-you-mean').candidates;
    expect(candidates.length).toBeGreaterThan(0);
    for (const a of first.alternatives) expect(candidates.map((c) => c.id)).toContain(a.id);
    expect(candidates.map((c) => c.id)).not.toContain(LSN);
  });

  it('ignores follow-up questions in threads the bot never answered', async () => {
    expect(await say('will it fix itself?', channel('750.1'))).toBeNull();
  });

  it('keeps a DM conversation as context without threads', async () => {
    expect(entryIds(await say(LSN, dm, true))).toEqual([LSN]);
    expect(body(await say('why?', dm, true), 'follow-up').entry.id).toBe(LSN);
  });
});

describe('direct mode', () => {
  it('always answers: an unknown code gets the nearest entries', async () => {
    const unknown = body(await say('UserErrorBackupFailedSomethingNew happened', channel('800.1'), true), 'unknown-code');
    expect(unknown.codes).toEqual(['UserErrorBackupFailedSomethingNew']);
    expect(unknown.candidates.length).toBeGreaterThan(0);
    // Unprompted, an unknown code is not worth interrupting a channel for.
    expect(await say('UserErrorBackupFailedSomethingNew happened', channel('800.2'))).toBeNull();
  });

  it('asks "did you mean" with candidates when unsure, and help when given nothing', async () => {
    const reply = await say('backup', channel('810.1'), true);
    expect(['did-you-mean', 'entries']).toContain(reply?.body.kind);
    expect((await say('', channel('810.2'), true))?.body.kind).toBe('help');
  });
});

describe('/sqlbackup', () => {
  it('shows help, lists every entry grouped, searches, and looks up privately', async () => {
    expect((await command(''))?.body.kind).toBe('help');
    expect((await command('help'))?.body.kind).toBe('help');
    const list = body(await command('list'), 'list');
    expect(list.groups.flatMap((g) => g.entries).length).toBe(catalog.entries.length);
    expect(list.groups.map((g) => g.category)).toEqual([...new Set(list.groups.map((g) => g.category))]);
    const search = body(await command('search log chain broken'), 'search');
    expect(search.candidates.map((c) => c.id)).toContain(LSN);
    const lookup = await command(LSN);
    expect(lookup?.delivery).toBe('ephemeral');
    expect(entryIds(lookup)).toEqual([LSN]);
  });
});

describe('buttons', () => {
  it('records feedback once per user and day, and answers not helpful with other candidates', async () => {
    const thread = channel('900.1');
    await say(LSN, thread);
    const thanks = body(await press({ kind: 'feedback', entryId: LSN, helpful: true }, thread), 'feedback-ack');
    expect(thanks.detail?.id).toBe(LSN);
    await press({ kind: 'feedback', entryId: LSN, helpful: true }, thread);
    await press({ kind: 'feedback', entryId: LSN, helpful: true }, thread, 'U2');
    const sorry = body(await press({ kind: 'feedback', entryId: LSN, helpful: false }, thread, 'U3'), 'feedback-ack');
    expect(sorry.alternatives.length).toBeGreaterThan(0);
    expect(sorry.alternatives.map((a) => a.id)).not.toContain(LSN);
    expect(await usageOver(deps, 7)).toEqual([{ id: LSN, answered: 1, helpful: 2, unhelpful: 1 }]);
    now += 10 * 86_400_000;
    expect(await usageOver(deps, 7)).toEqual([]);
    expect(await usageOver(deps, 30)).toEqual([{ id: LSN, answered: 1, helpful: 2, unhelpful: 1 }]);
  });

  it('replaces the card with the picked entry and follows up on it', async () => {
    const thread = channel('910.1');
    const pick = await press({ kind: 'pick', entryId: SYSADMIN }, thread);
    expect(pick?.delivery).toBe('replace');
    expect(entryIds(pick)).toEqual([SYSADMIN]);
    expect(body(await say('why?', thread), 'follow-up').entry.id).toBe(SYSADMIN);
  });

  it('shares in the channel and expands on "Show the rest"', async () => {
    const share = await press({ kind: 'share', entryIds: [LSN] }, channel());
    expect(share?.delivery).toBe('channel');
    expect(entryIds(share)).toEqual([LSN]);
    const more = await press({ kind: 'more', entryId: LSN }, channel('920.1'));
    expect(body(more, 'entries').expanded).toBe(true);
    expect((await press({ kind: 'pick', entryId: 'NoSuchEntry' }, channel()))?.body.kind).toBe('notice');
  });
});

describe('rate limits', () => {
  it('answers up to the limit, then one polite note, then silence until the window passes', async () => {
    deps = makeDeps({ perUser: { max: 2, windowMs: 60_000 } });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await say(LSN, channel(`1000.${i}`)));
    expect(replies.map((r) => r?.body.kind ?? null)).toEqual(['entries', 'entries', 'notice', null, null]);
    expect(replies[2]?.delivery).toBe('ephemeral');
    expect(replies[2]?.body.kind === 'notice' && replies[2].body.text).toBe('I have answered you 2 times within a minute, which is my limit. I\'ll answer again within a minute.');
    // Another user is not affected; chatter does not count.
    expect(await say('lunch?', channel('1000.9'), false, 'U9')).toBeNull();
    expect(entryIds(await say(LSN, channel('1001.1'), false, 'U9'))).toEqual([LSN]);
    now += 61_000;
    expect(entryIds(await say(LSN, channel('1002.1')))).toEqual([LSN]);
  });

  it('limits a whole channel too', async () => {
    deps = makeDeps({ perChannel: { max: 3, windowMs: 60_000 } });
    const kinds = [];
    for (let i = 0; i < 5; i++) kinds.push((await say(LSN, channel(`1100.${i}`, 'CBUSY'), false, `U${i}`))?.body.kind ?? null);
    expect(kinds).toEqual(['entries', 'entries', 'entries', 'notice', null]);
  });
});
