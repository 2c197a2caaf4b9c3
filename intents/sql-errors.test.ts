import { describe, expect, it } from 'vitest';
import { isTelling, scanSqlErrors } from './sql-errors.ts';

const numbers = (text: string): number[] => scanSqlErrors(text).map((h) => h.number);

describe('scanSqlErrors', () => {
  it('reads the shapes SQL Server and its tools print', () => {
    expect(numbers('Msg 9002, Level 17, State 2, Line 1')).toEqual([9002]);
    expect(numbers('Error: 18456, Severity: 14, State: 38.')).toEqual([18456]);
    expect(numbers('(Microsoft SQL Server, Error: -1)')).toEqual([-1]);
    expect(numbers('see MSSQLSERVER_53 for details')).toEqual([53]);
    expect(numbers('the job died with error 3013')).toEqual([3013]);
  });

  it('lists several errors in order of appearance, each once', () => {
    expect(numbers('Msg 3201, Level 16\n...\nMsg 3013, Level 16\nMsg 3201, Level 16')).toEqual([3201, 3013]);
  });

  it('does not trust a small number in chat unless the text says it is SQL Server output', () => {
    const [chat] = scanSqlErrors('got error 2 of 5 in the quiz');
    const [server] = scanSqlErrors('(Microsoft SQL Server, Error: 2)');
    expect(chat && isTelling(chat)).toBe(false);
    expect(server && isTelling(server)).toBe(true);
  });

  it('stays linear on long runs that almost match', () => {
    const text = `${'error '.repeat(20_000)}${'msg '.repeat(20_000)}`;
    const t = performance.now();
    expect(numbers(text)).toEqual([]);
    expect(performance.now() - t).toBeLessThan(200);
  });
});
