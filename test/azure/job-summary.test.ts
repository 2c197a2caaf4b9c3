import { describe, expect, it } from 'vitest';
import { durationMs } from '../../bot/azure/job-summary.ts';
import { operationIdOf } from '../../bot/azure/full-backup.ts';
import { filterDate } from '../../bot/azure/recent-jobs.ts';

/** The formats the Backup API is documented (and seen) to use, read without a network. */
describe('reading the Backup API', () => {
  it.each([
    ['PT1.6543659S', 1_654],
    ['PT1M2.5S', 62_500],
    ['PT2H', 7_200_000],
    ['P1DT2H', 93_600_000],
    ['00:03:13.6439467', 193_644],
    ['0:00:01.781847', 1_782],
    ['1.02:03:04', 93_784_000],
  ])('reads the duration %s', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '3 minutes', '1:2:3', undefined])('gives no duration for %o', (text) => {
    expect(durationMs(text)).toBeNull();
  });

  it('writes the job filter\'s dates as documented, 12-hour UTC', () => {
    expect(filterDate(new Date('2026-11-27T00:05:09Z'))).toBe('2026-11-27 12:05:09 AM');
    expect(filterDate(new Date('2026-11-27T12:00:00Z'))).toBe('2026-11-27 12:00:00 PM');
    expect(filterDate(new Date('2026-01-02T23:59:59.900Z'))).toBe('2026-01-02 11:59:59 PM');
  });

  it('takes the operation id from the Azure-AsyncOperation or Location URL', () => {
    const item = 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/microsoft.recoveryservices/vaults/v/backupFabrics/Azure/protectionContainers/VMAppContainer;Compute;rg;vm/protectedItems/sqldatabase;mssqlserver;msdb';
    expect(operationIdOf(`${item}/operationsStatus/cd2a3b13-d392-4e81-86ac-02ea91cc70b9?api-version=2016-12-01`)).toBe('cd2a3b13-d392-4e81-86ac-02ea91cc70b9');
    expect(operationIdOf(`${item}/operationResults/cd2a3b13-d392-4e81-86ac-02ea91cc70b9?api-version=2016-12-01`)).toBe('cd2a3b13-d392-4e81-86ac-02ea91cc70b9');
    expect(operationIdOf('not a url')).toBeNull();
  });
});
