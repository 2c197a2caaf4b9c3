import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fillBlock, valuesOf } from './fill-placeholders.ts';

const HOSTILE = ['x]; DROP TABLE t; --', '$(rm -rf /)', "'; EXEC xp_cmdshell 'dir'; --", 'a`b"c$d’e‘f'];

describe('fillBlock', () => {
  it.each(HOSTILE)('keeps %s a T-SQL identifier inside [...] and a string inside N\'...\'', (name) => {
    const { code, filled } = fillBlock({ lang: 'sql', body: "ALTER DATABASE [<database>] SET PARTNER OFF;\nSELECT DB_ID(N'<database>');" }, { database: name });
    expect(filled).toEqual(['database']);
    const [alter, select] = code.body.split('\n');
    expect(alter).toBe(`ALTER DATABASE [${name.replace(/]/g, ']]')}] SET PARTNER OFF;`);
    expect(select).toBe(`SELECT DB_ID(N'${name.replace(/'/g, "''")}');`);
    // Inside the brackets every ] is doubled, so the identifier cannot end early.
    const inner = alter!.slice('ALTER DATABASE ['.length, alter!.lastIndexOf('] SET'));
    expect(inner.replace(/]]/g, '')).not.toContain(']');
  });

  it.each(HOSTILE)('keeps %s one PowerShell single-quoted string, typographic quotes doubled too', (name) => {
    const { code } = fillBlock({ lang: 'powershell', body: "Get-AzRecoveryServicesBackupItem -Name '<database>'" }, { database: name });
    const arg = code.body.slice(code.body.indexOf("'"));
    expect(arg.startsWith("'") && arg.endsWith("'")).toBe(true);
    // Between the outer quotes, every quote character comes in pairs: none ends the string.
    const inner = arg.slice(1, -1).replace(/(['\u2018\u2019\u201A\u201B])\1/g, '');
    expect(inner).not.toMatch(/['\u2018\u2019\u201A\u201B]/);
  });

  it.each(HOSTILE)('keeps %s a single shell word for the Azure CLI (checked by bash itself)', (name) => {
    const { code } = fillBlock({ lang: 'bash', body: "printf %s '<database>'" }, { database: name });
    expect(execFileSync('bash', ['-c', code.body], { encoding: 'utf8' })).toBe(name);
  });

  it('leaves a placeholder that is not quoted, and every placeholder in cmd, as it is', () => {
    expect(fillBlock({ lang: 'sql', body: 'USE <database>;' }, { database: 'x' }).code.body).toBe('USE <database>;');
    expect(fillBlock({ lang: 'cmd', body: "sqlcmd -d '<database>'" }, { database: 'x' }).filled).toEqual([]);
  });

  it('keeps $& and $1 in a value literal', () => {
    expect(fillBlock({ lang: 'bash', body: "echo '<database>'" }, { database: '$&$1' }).code.body).toBe("echo '$&$1'");
  });

  it('takes the VM only from a plain host name', () => {
    expect(valuesOf({ server: 'sqlvm-01' })).toEqual({ server: 'sqlvm-01', vm: 'sqlvm-01' });
    expect(valuesOf({ server: 'sqlvm-01.contoso.com' })).toEqual({ server: 'sqlvm-01.contoso.com' });
  });
});
