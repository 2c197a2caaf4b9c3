import type { Logger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { Incoming, Platform, Reply } from './types.ts';

/**
 * What happened to one delivery, from what came in and what the core decided: the counters
 * for /metrics and the one log line an on-call engineer follows. It lives in the core because
 * "was this an unasked answer" is the core's policy, not the metrics module's.
 * Feedback votes are the exception: recordFeedback counts them, since only it knows whether a
 * click was a new vote or a repeat.
 */

/** Why the bot spoke: asked (command, button, mention, DM) or unasked in a watched channel. */
type Trigger = 'command' | 'button' | 'dm' | 'mention' | 'auto-detect' | 'thread';

interface Observation {
  readonly platform: Platform;
  readonly incoming: Incoming['type'];
  readonly reply: Reply['body']['kind'] | 'none';
  readonly entries: readonly string[];
  readonly trigger: Trigger;
  readonly latencyMs: number;
}

function triggerOf(incoming: Incoming, reply: Reply | null): Trigger {
  if (incoming.type === 'command') return 'command';
  if (incoming.type === 'action') return 'button';
  if (incoming.place.space === 'dm') return 'dm';
  if (incoming.addressed) return 'mention';
  return reply?.body.kind === 'entries' ? 'auto-detect' : 'thread';
}

function entriesOf(reply: Reply | null): string[] {
  const body = reply?.body;
  if (body?.kind === 'entries') return body.entries.map((e) => e.id);
  if (body?.kind === 'follow-up' || body?.kind === 'feedback-ack') return [body.entry.id];
  return [];
}

/** Never the text: only ids, kinds and timings, so a pasted secret cannot reach the log. */
function observationOf(incoming: Incoming, reply: Reply | null, seconds: number): Observation {
  return {
    platform: incoming.place.platform,
    incoming: incoming.type,
    reply: reply?.body.kind ?? 'none',
    entries: entriesOf(reply),
    trigger: triggerOf(incoming, reply),
    latencyMs: Math.round(seconds * 10_000) / 10,
  };
}

function count(metrics: Metrics, incoming: Incoming, reply: Reply | null, seen: Observation, seconds: number): void {
  metrics.latency(seen.platform, seconds);
  if (!reply || reply.body.kind === 'feedback-ack') return;
  for (const id of seen.entries) metrics.answered(id, seen.platform);
  if (seen.trigger === 'auto-detect') for (const id of seen.entries) metrics.autoDetected(id);
}

/**
 * One JSON line at info per answer (the request id comes from the logger's context); staying
 * quiet is logged at debug only, or a busy channel's chatter would drown the trail.
 */
export function observe(deps: { readonly logger: Logger; readonly metrics?: Metrics | undefined }, incoming: Incoming, reply: Reply | null, seconds: number): void {
  const seen = observationOf(incoming, reply, seconds);
  if (deps.metrics) count(deps.metrics, incoming, reply, seen, seconds);
  if (reply) deps.logger.info({ ...seen, deliveryId: incoming.id }, 'handled');
  else deps.logger.debug({ ...seen, deliveryId: incoming.id }, 'stayed quiet');
}
