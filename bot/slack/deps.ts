import type { CoreDeps } from '../core/deps.ts';
import type { Logger } from '../ops/logger.ts';

export interface SlackDeps {
  readonly core: CoreDeps;
  readonly logger: Logger;
}

/** What a user who asked is told when answering failed on the bot's side (never the error itself). */

/** What to log about a failed Web API call: the method and Slack's error code, never the request. */
export function failure(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const data = (error as { data?: { error?: unknown } }).data;
    const code = (error as { code?: unknown }).code;
    return { err: error.message, ...(typeof code === 'string' ? { code } : {}), ...(data?.error ? { slackError: data.error } : {}) };
  }
  return { err: String(error) };
}
