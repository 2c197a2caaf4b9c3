import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { GENERIC_AZURE_CODES } from './generic-codes.ts';
import { buildFuzzyIndex, guessCode, reframedCode } from './fuzzy-codes.ts';
import { nearestIds } from './nearest-ids.ts';

const catalog = loadCatalog();
const index = buildFuzzyIndex(catalog.entries);
const top = (word: string): string | undefined => guessCode(word, index)[0]?.id;

describe('guessCode', () => {
  it('reads a misspelt whole code', () => {
    expect(top('UserErrorSQLLSNValidationFaliure')).toBe('UserErrorSQLLSNValidationFailure');
    expect(top('usererrorsqlnosysadminmembershp')).toBe('UserErrorSQLNoSysadminMembership');
  });

  it('reads a tail or a fragment of a code, preferring the code it covers most of', () => {
    expect(top('LSNValidationFaliure')).toBe('UserErrorSQLLSNValidationFailure');
    expect(top('ForceOverwrite')).toBe('UserErrorCannotRestoreExistingDBWithoutForceOverwrite');
  });

  it('finds nothing for ordinary identifiers of other tools', () => {
    for (const word of ['IsCancellable', 'BackupManagementType', 'CrashLoopBackOff', 'ValidationFailure']) {
      expect(guessCode(word, index).every((g) => g.score < 0.8)).toBe(true);
    }
  });
});

describe('guessCode: generic Azure codes', () => {
  it('never reads a generic ARM code as a fragment of ours, in any case', () => {
    for (const code of GENERIC_AZURE_CODES) {
      expect(guessCode(code, index), code).toEqual([]);
      expect(guessCode(code.toUpperCase(), index), code).toEqual([]);
    }
  });

  it('needs a telling word of the code, not only generic ones around it', () => {
    // All of these sit inside UserErrorOperationNotAllowedDatabaseMirroringEnabled.
    expect(guessCode('UserErrorOperationNotAllowed', index)).toEqual([]);
    expect(guessCode('OperationNotAllowedDatabase', index).every((g) => g.score < 0.85)).toBe(true);
    expect(top('DatabaseMirroringEnabled')).toBe('UserErrorOperationNotAllowedDatabaseMirroringEnabled');
  });

  it('keeps a fragment that is most of a code confident enough to answer unprompted', () => {
    expect(guessCode('BackupOperationInProgress', index)[0]).toMatchObject({ id: 'UserErrorBackupOperationInProgress' });
    expect(guessCode('BackupOperationInProgress', index)[0]!.score).toBeGreaterThanOrEqual(0.85);
  });
});

describe('reframedCode', () => {
  it('maps our code in another product frame to ours with a moderate score', () => {
    const g = reframedCode('UserErrorGuestAgentStatusUnavailable', index);
    expect(g?.id).toBe('GuestAgentStatusUnavailableUserError');
    expect(g!.score).toBeLessThan(0.85);
    expect(g!.score).toBeGreaterThanOrEqual(0.5);
  });

  it('does not map our own spelling or an unrelated code', () => {
    expect(reframedCode('GuestAgentStatusUnavailableUserError', index)).toBeNull();
    expect(reframedCode('UserErrorSQLSomethingNew', index)).toBeNull();
  });
});

describe('nearestIds', () => {
  it('offers the closest codes for an unknown one, best first', () => {
    const near = nearestIds('UserErrorSQLNoSysadminMember', catalog.entries, 3);
    expect(near).toHaveLength(3);
    expect(near[0]?.id).toBe('UserErrorSQLNoSysadminMembership');
    expect(near[0]!.score).toBeGreaterThanOrEqual(near[1]!.score);
  });
});
