import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'express';
import type { BufferedRequest } from '../ops/body-limit.ts';
import { nestedDeeperThan } from '../ops/json-depth.ts';
import type { Logger } from '../ops/logger.ts';

/**
 * A CloudAdapter that answers every failure of a POST /api/messages itself, as JSON with one
 * log line. CloudAdapter.process would answer malformed JSON in plain text, print a
 * multi-line stack trace on stderr for every bad token, and answer 500 with the internal error
 * ("request to https://login.botframework.com/... failed") when the signing keys cannot be
 * fetched. Here: a bad or expired token is 401; keys that cannot be fetched are 503, and the
 * adapter fetches them again on the next request; an unreadable activity is 400.
 */
export class JsonCloudAdapter extends CloudAdapter {
  /** The route handler for POST /api/messages (after the body limit, which parses the JSON). */
  handler(logic: (context: TurnContext) => Promise<void>, logger: Logger): (req: Request, res: Response) => Promise<void> {
    return (req, res) => this.serve(req, res, logic, logger);
  }

  private async serve(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>, logger: Logger): Promise<void> {
    const refuse = (status: number, error: string, log: Record<string, unknown>, message: string): void => {
      logger.warn({ path: req.path, status, ...log }, message);
      if (status === 503) res.set('Retry-After', '5');
      if (!res.headersSent) res.status(status).json({ error });
    };
    const raw = (req as BufferedRequest).rawBody;
    if (raw !== undefined && nestedDeeperThan(raw.toString('utf8'))) return refuse(400, 'nested too deep', {}, 'teams: request body nested too deep');
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return refuse(400, 'malformed JSON', {}, 'teams: request body is not a JSON object');
    }
    const activity = body as Partial<Activity> & Record<string, unknown>;
    if (typeof activity.type !== 'string') return refuse(400, 'malformed activity', {}, 'teams: activity without a type refused');
    fixTimestamps(activity);
    const header = req.headers.authorization ?? '';
    try {
      const invoke = await this.processActivity(header, activity as Activity, logic);
      res.status(invoke?.status ?? 200);
      if (invoke?.body === undefined) res.end();
      else res.json(invoke.body);
    } catch (error) {
      const kind = classify(error);
      // The message only, on one line: never the stack, the token or the activity.
      const err = error instanceof Error ? error.message.split('\n')[0] : String(error);
      if (kind === 'unauthorized') return refuse(401, 'unauthorized', { err }, 'teams: Bot Framework token refused');
      if (kind === 'keys-unreachable') return refuse(503, 'authentication unavailable', { err }, 'teams: Bot Framework signing keys could not be fetched; the next request tries again');
      return refuse(400, 'malformed activity', { err }, 'teams: activity refused');
    }
  }
}

/** What a failure of processActivity means for the caller. */
function classify(error: unknown): 'unauthorized' | 'keys-unreachable' | 'malformed' {
  if (!(error instanceof Error)) return 'malformed';
  // botframework-connector's AuthenticationError carries the status it means (not exported by botbuilder).
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') return status >= 500 ? 'keys-unreachable' : 'unauthorized';
  // node-fetch's FetchError: the OpenID metadata or key endpoint could not be reached at all.
  if (error.name === 'FetchError' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/.test(error.message)) return 'keys-unreachable';
  return 'malformed';
}

/** As CloudAdapter.process does: the Bot Framework sends timestamps as ISO strings. */
function fixTimestamps(activity: Record<string, unknown>): void {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
}
