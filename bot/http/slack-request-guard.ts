import type { NextFunction, Request, Response } from 'express';
import type { BufferedRequest } from '../ops/body-limit.ts';
import { nestedDeeperThan } from '../ops/json-depth.ts';
import type { Logger } from '../ops/logger.ts';

/** Slack's own window: a request signed more than 5 minutes away from now, either way, is refused. */
const MAX_SKEW_SECONDS = 5 * 60;
/** The outer types the Events API posts as JSON. */
const EVENT_TYPES = new Set(['event_callback', 'url_verification', 'app_rate_limited']);
/** What every slash command carries; the listener reads each of them. */
const COMMAND_FIELDS = ['command', 'text', 'team_id', 'channel_id', 'user_id', 'trigger_id', 'response_url'] as const;

/**
 * Runs before Bolt on POST /slack/events (after the body limit has read the body) and
 * refuses at once what Bolt would mishandle: a timestamp in the future (Bolt checks only
 * the past), a body nested deeper than any Slack payload, and a request of no shape Slack
 * sends (Bolt waits 3 s and answers 404; a slash command without its fields crashed the
 * listener). A real Slack request passes untouched; Bolt then verifies its signature.
 */
export function slackRequestGuard(logger: Logger, clock: () => number = Date.now) {
  return (req: BufferedRequest, res: Response, next: NextFunction): void => {
    const refuse = (status: number, error: string): void => {
      logger.warn({ path: req.path, status, error }, 'slack: request refused before verification');
      res.status(status).json({ error });
    };
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp > clock() / 1000 + MAX_SKEW_SECONDS) return refuse(401, 'timestamp in the future');
    const problem = shapeProblem(req);
    if (problem) return refuse(400, problem);
    next();
  };
}

function shapeProblem(req: BufferedRequest & Request): string | null {
  const raw = req.rawBody?.toString('utf8') ?? '';
  if (/\bjson\b/i.test(req.headers['content-type'] ?? '')) {
    if (nestedDeeperThan(raw)) return 'nested too deep';
    const body: unknown = req.body;
    const type = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['type'] : undefined;
    return typeof type === 'string' && EVENT_TYPES.has(type) ? null : 'not a Slack event';
  }
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) return nestedDeeperThan(payload) ? 'nested too deep' : null;
  if (form.has('ssl_check')) return null;
  if (form.has('command')) return COMMAND_FIELDS.every((field) => form.has(field)) ? null : 'slash command without its fields';
  return 'not a Slack request';
}
