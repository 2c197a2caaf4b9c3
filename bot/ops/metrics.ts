import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What the bot counts, as calls rather than prom-client objects, so the core and adapters
 * take a tiny dependency (and tests can pass `createMetrics()` and read it back).
 * Label values are bounded: platforms, catalog entry ids, a fixed set of error sites.
 */
export interface Metrics {
  /** An inbound message, command or button press reached the bot. */
  seen(platform: string, kind: 'message' | 'command' | 'action'): void;
  /** A card for this entry was posted. */
  answered(entryId: string, platform: string): void;
  /** The bot spoke unasked in a channel because a paste looked like a backup failure. */
  autoDetected(entryId: string): void;
  feedback(entryId: string, helpful: boolean): void;
  /** A delivery already claimed by this or another replica (Slack retry, two replicas). */
  duplicate(platform: string): void;
  /** A request refused by the per-user or per-channel limit (told or not). */
  rateLimited(platform: string): void;
  /** `where`: a short fixed name such as 'core', 'slack-post', 'teams-send', 'store'. */
  error(where: string): void;
  /** Seconds the core took to decide a reply (classification, store round trips). */
  latency(platform: string, seconds: number): void;
  storeDegraded(degraded: boolean): void;
  /** How to read the number of keys in the in-memory store (or Redis's local fallback), read at each scrape. */
  readonly memoryStoreKeys: (read: () => number) => void;
  readonly registry: Registry;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'sqlbackup_' });
  const registers = [registry];

  const seen = new Counter({ name: 'sqlbackup_messages_seen_total', help: 'Inbound messages, commands and button presses', labelNames: ['platform', 'kind'], registers });
  const answers = new Counter({ name: 'sqlbackup_answers_total', help: 'Cards posted, per catalog entry', labelNames: ['entry', 'platform'], registers });
  const auto = new Counter({ name: 'sqlbackup_autodetect_triggers_total', help: 'Unasked answers to pastes in watched channels', labelNames: ['entry'], registers });
  const feedback = new Counter({ name: 'sqlbackup_feedback_total', help: 'Helpful / not helpful votes', labelNames: ['entry', 'helpful'], registers });
  const dupes = new Counter({ name: 'sqlbackup_duplicate_deliveries_total', help: 'Deliveries skipped because another attempt already claimed them', labelNames: ['platform'], registers });
  const limited = new Counter({ name: 'sqlbackup_rate_limited_total', help: 'Requests refused by the per-user or per-channel limit', labelNames: ['platform'], registers });
  const errors = new Counter({ name: 'sqlbackup_errors_total', help: 'Errors, by where they happened', labelNames: ['where'], registers });
  const latency = new Histogram({
    name: 'sqlbackup_reply_latency_seconds',
    help: 'Time the core took to decide a reply, per delivery',
    labelNames: ['platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const degraded = new Gauge({ name: 'sqlbackup_store_degraded', help: '1 while the shared store is unreachable and state is per-replica', registers });

  let readMemoryKeys: () => number = () => 0;
  new Gauge({
    name: 'sqlbackup_memory_store_keys',
    help: 'Keys held in process memory (the in-memory store, or the fallback while Redis is away); bounded by MEMORY_STORE_MAX_KEYS',
    registers,
    collect() {
      this.set(readMemoryKeys());
    },
  });

  return {
    seen: (platform, kind) => seen.inc({ platform, kind }),
    answered: (entry, platform) => answers.inc({ entry, platform }),
    autoDetected: (entry) => auto.inc({ entry }),
    feedback: (entry, helpful) => feedback.inc({ entry, helpful: String(helpful) }),
    duplicate: (platform) => dupes.inc({ platform }),
    rateLimited: (platform) => limited.inc({ platform }),
    error: (where) => errors.inc({ where }),
    latency: (platform, seconds) => latency.observe({ platform }, seconds),
    storeDegraded: (on) => degraded.set(on ? 1 : 0),
    memoryStoreKeys: (read) => {
      readMemoryKeys = read;
    },
    registry,
  };
}
