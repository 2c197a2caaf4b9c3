import { ensureBuild } from '../../scripts/ensure-build.ts';

/** Suites that start `npm start`'s or bin/sqlbackup's compiled code get a current dist/. */
export default function setup(): void {
  ensureBuild();
}
