import { describe, expect, it } from 'vitest';
import { FULL_READ_CHARS, HEAD_CHARS, MAX_CLASSIFY_CHARS, TAIL_CHARS, canonicalTokens, prepareInput, templateTokens, WILDCARD } from './normalize.ts';

const words = (text: string): string => canonicalTokens(prepareInput(text).text).map((t) => t.word).join(' ');

describe('prepareInput', () => {
  it('removes zero-width and bidi characters that split codes copied from rich clients', () => {
    const { text } = prepareInput('User\u200BError\u202ESQL\u2066LSN\uFEFFValidationFailure');
    expect(text).toBe('UserErrorSQLLSNValidationFailure');
  });

  it('straightens curly quotes and folds full-width letters', () => {
    expect(prepareInput('\u201CNT Service\\x\u201D \u2018a\u2019 ＵｓｅｒＥｒｒｏｒ').text).toBe('"NT Service\\x" \'a\' UserError');
  });

  it('reads a long paste by its head and tail, hands the middle to the digest, and says so', () => {
    const head = 'H '.repeat(HEAD_CHARS);
    const tail = ' T'.repeat(TAIL_CHARS);
    let seen = '';
    const r = prepareInput(`${head}MIDDLE${tail}`, (middle) => {
      seen = middle;
      return 'KEPT';
    });
    expect(r.truncated).toBe(true);
    expect(seen).toContain('MIDDLE');
    expect(r.text.length).toBeLessThanOrEqual(FULL_READ_CHARS + 10);
    expect(r.text.startsWith('H H')).toBe(true);
    expect(r.text.endsWith('T T')).toBe(true);
    expect(r.text).toContain('\nKEPT\n');
    expect(r.text).not.toContain('MIDDLE');
  });

  it('never cuts a word in two at the head or tail boundary', () => {
    const code = 'UserErrorSQLLSNValidationFailure';
    const pad = 'x '.repeat(HEAD_CHARS / 2 - 10);
    const r = prepareInput(`${pad}${code} ${'y '.repeat(TAIL_CHARS)}`, (m) => m.trim().split(/\s+/).filter((w) => w.length > 1).join(' '));
    expect(r.text).toContain(code);
  });

  it('bounds the middle at the documented limit', () => {
    let length = 0;
    prepareInput('x '.repeat(MAX_CLASSIFY_CHARS), (middle) => {
      length = middle.length;
      return '';
    });
    expect(length).toBeLessThanOrEqual(MAX_CLASSIFY_CHARS - TAIL_CHARS);
    expect(prepareInput('short').truncated).toBe(false);
    expect(prepareInput('z'.repeat(FULL_READ_CHARS)).truncated).toBe(false);
  });
});

describe('canonicalTokens', () => {
  it('folds the wording drift between Azure message versions to one spelling', () => {
    expect(words("Current settings don't support")).toBe(words('Current settings do not support'));
    expect(words('Operation cancelled as')).toBe(words('Operation canceled as'));
    expect(words('needs SQL sysadmin priviledge.')).toBe(words('needs SQL sysadmin privilege'));
    expect(words('\u201CNTService\\AzureWLBackupPluginSvc\u201D')).toBe(words('"NT Service\\AzureWLBackupPluginSvc"'));
    expect(words('log for the datasource is full')).toBe(words('log for the data source is full'));
    expect(words('point in time as per the SQL guidelines')).toBe(words('point in time according to the SQL guidelines'));
    expect(words("can't")).toBe(words('cannot'));
  });

  it('keeps offsets into the prepared text', () => {
    const [first, second] = canonicalTokens('  Log chain');
    expect(first).toEqual({ word: 'log', at: 2 });
    expect(second).toEqual({ word: 'chain', at: 6 });
  });
});

describe('templateTokens', () => {
  it('turns SQL Server placeholders into wildcards', () => {
    expect(templateTokens("Login failed for user '%.*ls'.%.*ls")).toEqual(['login', 'failed', 'for', 'user', WILDCARD, WILDCARD]);
    expect(templateTokens('requires %I64u additional free bytes')).toEqual(['requires', WILDCARD, 'additional', 'free', 'bytes']);
  });
});
