import { Counter, type Registry } from 'prom-client';

/** What the alerts webhook and desk count, served on the bot's /metrics with the rest. */
export interface AlertMetrics {
  /** accepted | duplicate | ignored (another service) | unrouted (no subscription matched) | refused */
  received(outcome: 'accepted' | 'duplicate' | 'ignored' | 'unrouted' | 'refused'): void;
  /** A post or update that failed after its last retry. */
  lost(): void;
}

export function createAlertMetrics(registry: Registry | undefined): AlertMetrics {
  const registers = registry ? [registry] : [];
  const received = new Counter({ name: 'sqlbackup_alerts_total', help: 'Azure Monitor alert deliveries, by outcome', labelNames: ['outcome'], registers });
  const lost = new Counter({ name: 'sqlbackup_alert_posts_failed_total', help: 'Alert posts and card updates that failed after the last retry', registers });
  return { received: (outcome) => received.inc({ outcome }), lost: () => lost.inc() };
}
