import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { buildFuzzyIndex, guessCode, nearestIds } from './fuzzy-codes.ts';

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

describe('nearestIds', () => {
  it('offers the closest codes for an unknown one, best first', () => {
    const near = nearestIds('UserErrorSQLNoSysadminMember', catalog.entries, 3);
    expect(near).toHaveLength(3);
    expect(near[0]?.id).toBe('UserErrorSQLNoSysadminMembership');
    expect(near[0]!.score).toBeGreaterThanOrEqual(near[1]!.score);
  });
});
