import { fixture } from '../alerts/harness.ts';
import type { FakeArm, FakeDatabase } from '../../testkit/fake-arm.ts';

/** The backup-failure alert fixture, about `db` in the ARM stand-in, with an alert id the stand-in knows. */
export function alertFor(arm: FakeArm, db: FakeDatabase): { body: unknown; alertId: string } {
  const alertId = arm.addAlert();
  const text = JSON.stringify(fixture('backup-failure'))
    .replaceAll('5f2b7c1a-3d4e-4f60-8a9b-0c1d2e3f4a5b', db.subscription)
    .replaceAll('rsv-prod-weu', db.vault)
    .replaceAll('rg-sql-prod', db.vmResourceGroup)
    .replaceAll('sqlvm-prod-01', db.vm)
    .replaceAll('SalesDB', db.database)
    .replaceAll('rg-backup', db.resourceGroup);
  const body = JSON.parse(text) as { data: { essentials: Record<string, unknown> } };
  body.data.essentials['alertId'] = alertId;
  return { body, alertId };
}
