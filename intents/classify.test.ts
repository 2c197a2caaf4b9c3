import { describe, expect, it } from 'vitest';
import { entrySchema, loadCatalog, type Catalog, type Entry, type EntryInput } from '../catalog/index.ts';
import { createClassifier, MAX_CLASSIFY_CHARS } from './index.ts';

/** A minimal valid entry; tests set only the fields the behaviour under test reads. */
function entry(id: string, extra: Partial<EntryInput>): Entry {
  return entrySchema.parse({
    id,
    kind: 'error',
    category: 'backup',
    title: `Title of ${id}`,
    severity: 'error',
    summary: 'A summary.',
    causes: ['A cause.'],
    actions: [{ text: 'An action.' }],
    examples: ['one phrasing', 'another phrasing', 'a third phrasing'],
    docs: { url: `https://example.com/doc#${id.toLowerCase()}`, title: 'Doc' },
    sources: ['troubleshoot-article'],
    ...extra,
  });
}

function catalogOf(entries: Entry[]): Catalog {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { entries, get: (id) => byId.get(id), knowledge: [] };
}

const classifier = createClassifier(
  catalogOf([
    entry('UserErrorSQLLSNValidationFailure', {
      messages: [{ text: 'Log chain is broken.', source: 'doc' }],
      sqlErrors: [{ number: 4305, message: 'The log in this backup set begins at LSN %.*ls, which is too recent to apply to the database.' }],
      examples: ['log chain is broken again', 'LSN validation failed on the log backup', 'log backups fail after a native backup'],
    }),
    entry('OperationCancelledBecauseConflictingOperationRunningUserError', {
      numericCodes: [510008],
      messages: [{ text: 'Operation canceled as a conflicting operation was already running on the same database.', source: 'doc' }],
    }),
    entry('UserErrorBailingOutFromBackupOtherNodeMarkerExists', {
      // Copied from another code by the portal: shown, never matched.
      messages: [{ text: 'SQL database does not exist.', source: 'self-help', match: false }],
    }),
    entry('UserErrorSQLPODoesNotExist', { messages: [{ text: 'SQL database does not exist.', source: 'doc' }] }),
    entry('UserErrorGenericSQLUserCorrectableFault', {
      sqlErrors: [{ number: 3013, message: '%hs is terminating abnormally.' }],
    }),
    entry('WlExtGenericIOFaultUserError', {
      sqlErrors: [{ number: 3201, message: "Cannot open backup device '%ls'. Operating system error %ls." }],
    }),
  ]),
);

describe('classify: codes and messages', () => {
  it('finds a code in any case inside a portal paste and answers unprompted', () => {
    const r = classifier.classify('Error Code : usererrorsqllsnvalidationfailure Error Message : Log chain is broken.', 'channel');
    expect(r.trigger).toBe(true);
    expect(r.found).toEqual(['UserErrorSQLLSNValidationFailure']);
    expect(r.matches[0]).toMatchObject({ id: 'UserErrorSQLLSNValidationFailure', score: 1, via: 'code' });
  });

  it('maps a numeric ErrorCode from a PowerShell table to its entry', () => {
    const paste = ' ErrorCode ErrorMessage\n --------- ------------\n    510008 Something else entirely {Please try again after sometime.}';
    const r = classifier.classify(paste, 'channel');
    expect(r.found).toEqual(['OperationCancelledBecauseConflictingOperationRunningUserError']);
    expect(r.matches[0]?.via).toBe('numeric-code');
  });

  it('recognises the message text in its other spelling, without the code', () => {
    const r = classifier.classify('Operation cancelled as a conflicting operation was already running on the same database', 'channel');
    expect(r.found).toEqual(['OperationCancelledBecauseConflictingOperationRunningUserError']);
    expect(r.trigger).toBe(true);
  });

  it('never matches a message marked match: false', () => {
    const r = classifier.classify('SQL database does not exist.', 'direct');
    expect(r.found).toEqual(['UserErrorSQLPODoesNotExist']);
    expect(r.matches.map((m) => m.id)).not.toContain('UserErrorBailingOutFromBackupOtherNodeMarkerExists');
  });

  it('returns every code of a multi-code paste in order of appearance', () => {
    const paste = '{"errorTitle": "OperationCancelledBecauseConflictingOperationRunningUserError"}\nJobFailureCode_s: UserErrorSQLLSNValidationFailure';
    const r = classifier.classify(paste, 'channel');
    expect(r.found).toEqual(['OperationCancelledBecauseConflictingOperationRunningUserError', 'UserErrorSQLLSNValidationFailure']);
  });

  it('reads typos and fragments of codes in direct mode', () => {
    expect(classifier.classify('LSNValidationFaliure', 'direct').matches[0]?.id).toBe('UserErrorSQLLSNValidationFailure');
    expect(classifier.classify('UserErrorSQLLSNValidationFaliure', 'direct').matches[0]?.id).toBe('UserErrorSQLLSNValidationFailure');
  });
});

describe('classify: SQL Server errors', () => {
  it('does not let the generic 3013 trailer outrank the specific error in the same paste', () => {
    const paste = "Msg 3201, Level 16, State 1\nCannot open backup device 'X:\\a.bak'. Operating system error 5(Access is denied.).\nMsg 3013, Level 16, State 1\nBACKUP DATABASE is terminating abnormally.";
    const r = classifier.classify(paste, 'channel');
    expect(r.found).toEqual(['WlExtGenericIOFaultUserError']);
    expect(r.matches[0]?.id).toBe('WlExtGenericIOFaultUserError');
    expect(r.trigger).toBe(true);
  });

  it('does not answer unprompted on the generic trailer alone', () => {
    const r = classifier.classify('BACKUP DATABASE is terminating abnormally.', 'channel');
    expect(r.trigger).toBe(false);
    expect(r.found).toEqual([]);
  });

  it('matches a SQL message whatever fills its placeholders', () => {
    const r = classifier.classify('The log in this backup set begins at LSN 4200000012300001, which is too recent to apply to the database.', 'channel');
    expect(r.found).toEqual(['UserErrorSQLLSNValidationFailure']);
  });
});

describe('classify: not ours', () => {
  it('lists an unknown Azure-shaped code and offers near entries without answering', () => {
    for (const code of ['UserErrorSQLSomethingNew', 'BrandNewThingUserError', 'WorkloadExtensionHadABadDay']) {
      const r = classifier.classify(`backup failed: ${code}`, 'channel');
      expect(r.unknownCodes).toEqual([code]);
      expect(r.trigger).toBe(false);
      expect(r.matches.length).toBeGreaterThan(0);
      expect(r.matches.every((m) => m.score < 0.5)).toBe(true);
    }
  });

  it('stays quiet on a generic ARM code that happens to be part of one of ours', () => {
    const real = createClassifier(loadCatalog());
    const paste = 'AKS node pool upgrade failed: Code="OperationNotAllowed" Message="Operation is not allowed while another one runs"';
    expect(real.classify(paste, 'channel').trigger).toBe(false);
    expect(real.classify('Code: BadRequest / ResourceNotFound / InternalServerError', 'channel').trigger).toBe(false);
  });

  it('offers the guest agent entry for the Azure VM backup spelling when asked, but not unprompted', () => {
    const real = createClassifier(loadCatalog());
    const text = 'VM backup failed: UserErrorGuestAgentStatusUnavailable';
    const direct = real.classify(text, 'direct');
    expect(direct.trigger).toBe(true);
    expect(direct.matches[0]?.id).toBe('GuestAgentStatusUnavailableUserError');
    expect(real.classify(text, 'channel').trigger).toBe(false);
  });

  it('sets SAP HANA codes aside and never answers them with a SQL entry', () => {
    const r = classifier.classify('UserErrorHANALSNValidationFailure on hdb01', 'direct');
    expect(r.foreign).toEqual({ product: 'sap-hana', codes: ['UserErrorHANALSNValidationFailure'] });
    expect(r.trigger).toBe(false);
    expect(r.found).toEqual([]);
  });

  it('stays quiet on chatter in a channel', () => {
    for (const text of ['anyone up for lunch?', 'the deploy pipeline is red again', '']) {
      expect(classifier.classify(text, 'channel').trigger).toBe(false);
    }
  });
});

describe('classify: hostile input', () => {
  it('cuts an oversized paste, still finds its code, and stays fast', () => {
    const paste = `UserErrorSQLLSNValidationFailure ${'a'.repeat(1_000_000)}`;
    const t = performance.now();
    const r = classifier.classify(paste, 'channel');
    expect(performance.now() - t).toBeLessThan(200);
    expect(r.truncated).toBe(true);
    expect(r.found).toEqual(['UserErrorSQLLSNValidationFailure']);
  });

  const logLines = (chars: number, seed: number): string => {
    const lines: string[] = [];
    let n = 0;
    for (let i = 0; n < chars; i++) {
      const line = `2025-03-0${(i + seed) % 9} 02:${String(i % 60).padStart(2, '0')} INFO BackupWorker heartbeat ok pid=${4000 + i} queue=${i % 17}`;
      lines.push(line);
      n += line.length + 1;
    }
    return lines.join('\n');
  };

  it('finds codes anywhere in a long log, in order, and says the paste was not read in full', () => {
    const near = (kb: number) => logLines(kb * 1024, kb);
    const paste = [near(20), 'Error Code : UserErrorSQLLSNValidationFailure', near(300), 'JobFailureCode_s: OperationCancelledBecauseConflictingOperationRunningUserError', near(2)].join('\n');
    expect(paste.length).toBeGreaterThan(160 * 1024);
    const r = classifier.classify(paste, 'channel');
    expect(r.truncated).toBe(true);
    expect(r.found).toEqual(['UserErrorSQLLSNValidationFailure', 'OperationCancelledBecauseConflictingOperationRunningUserError']);
    expect(r.trigger).toBe(true);
  });

  it('finds a code buried in the middle of a long paste, below the documented limit', () => {
    const paste = `${logLines(400 * 1024, 1)}\nstatus=Failed code=UserErrorSQLLSNValidationFailure\n${logLines(400 * 1024, 2)}`;
    expect(paste.length).toBeLessThan(MAX_CLASSIFY_CHARS);
    expect(classifier.classify(paste, 'direct').matches[0]?.id).toBe('UserErrorSQLLSNValidationFailure');
  });

  it('finds a code at the end of a paste read in full, however many short words come before it', () => {
    // A hex dump or a column of timestamps: tens of thousands of short words in 60 KB.
    const paste = `${'0a '.repeat(20_500)}Error Code : UserErrorSQLLSNValidationFailure`;
    const r = classifier.classify(paste, 'channel');
    expect(r.truncated).toBe(false);
    expect(r.found).toEqual(['UserErrorSQLLSNValidationFailure']);
  });

  it('costs time in proportion to the paste, not worse', () => {
    const time = (text: string): number => {
      classifier.classify(text, 'channel');
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        classifier.classify(text, 'channel');
        runs.push(performance.now() - t);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    const small = time(logLines(128 * 1024, 3));
    const big = time(logLines(1024 * 1024, 4));
    // Eight times the text; allow for noise on a shared machine, not for quadratic growth.
    expect(big).toBeLessThan(Math.max(small, 2) * 20);
    expect(big).toBeLessThan(250);
  });

  it('reads words that are names of built-in object properties like any other word', () => {
    for (const text of ['the constructor failed', 'toString valueOf hasOwnProperty __proto__', "constructor can't start"]) {
      expect(() => classifier.classify(text, 'channel'), text).not.toThrow();
    }
  });

  it('answers a paste that is one huge word at once', () => {
    const t = performance.now();
    expect(classifier.classify('q'.repeat(60_000), 'channel').trigger).toBe(false);
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('survives binary junk and invisible characters', () => {
    const junk = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536));
    expect(() => classifier.classify(junk, 'direct')).not.toThrow();
    const r = classifier.classify('\u202EUser\u200BErrorSQLLSNValidationFailure\u202C', 'channel');
    expect(r.found).toEqual(['UserErrorSQLLSNValidationFailure']);
  });
});
