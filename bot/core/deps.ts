import type { Catalog } from '../../catalog/index.ts';
import type { Classifier } from '../../intents/index.ts';
import type { Logger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { Store } from '../store/store.ts';
import type { AzureSide } from './azure/side.ts';

/** A fixed-window allowance: at most `max` answers per `windowMs`. */
export interface Allowance {
  readonly max: number;
  readonly windowMs: number;
}

export interface CoreLimits {
  readonly perUser: Allowance;
  readonly perChannel: Allowance;
  /** How long a thread remembers which entry it is about. */
  readonly threadTtlMs: number;
  /** How long a delivery id is remembered; longer than Slack's retry span (about 1 hour). */
  readonly dedupeTtlMs: number;
}

export const DEFAULT_LIMITS: CoreLimits = {
  perUser: { max: 20, windowMs: 60_000 },
  perChannel: { max: 60, windowMs: 60_000 },
  threadTtlMs: 7 * 24 * 3_600_000,
  dedupeTtlMs: 2 * 3_600_000,
};

/** Everything the core decides with, passed in so tests and replicas choose their own. */
export interface CoreDeps {
  readonly catalog: Catalog;
  readonly classifier: Classifier;
  readonly store: Store;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  readonly limits: CoreLimits;
  readonly logger: Logger;
  /** Counters for /metrics; optional so tests that do not look at them need not pass any. */
  readonly metrics?: Metrics;
  /** Acting on Azure from the card; absent unless AZURE_ACTIONS=on. */
  readonly azure?: AzureSide;
}
