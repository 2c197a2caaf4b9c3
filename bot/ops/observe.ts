import type { Incoming, Reply } from '../core/types.ts';
import type { Metrics } from './metrics.ts';

/**
 * Counts one finished delivery from what came in and what the core decided: which entries
 * were answered, whether the bot spoke unasked (auto-detect), and how long deciding took.
 * Feedback votes are the exception: recordFeedback counts them, since only it knows whether a
 * click was a new vote or a repeat.
 */
export function observe(metrics: Metrics, incoming: Incoming, reply: Reply | null, seconds: number): void {
  const platform = incoming.place.platform;
  metrics.latency(platform, seconds);
  if (!reply) return;
  const body = reply.body;
  const answered = body.kind === 'entries' ? body.entries.map((e) => e.id) : body.kind === 'follow-up' ? [body.entry.id] : [];
  for (const id of answered) metrics.answered(id, platform);
  if (incoming.type === 'message' && !incoming.addressed && body.kind === 'entries' && incoming.place.space !== 'dm') {
    for (const id of answered) metrics.autoDetected(id);
  }
}
