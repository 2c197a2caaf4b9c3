import { webApi, type AuthorizeResult } from '@slack/bolt';
import { ConfigError } from './config.ts';

/** Slack's answers to a token that will never work: better to stop at start than at the first paste. */
const REJECTED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

export interface BotAuthorizer {
  /** Bolt's `authorize`: the token plus the bot's own ids (to ignore its own messages, strip its mention). */
  authorize(): Promise<AuthorizeResult>;
  /** At start: throws ConfigError for a token Slack rejects; other failures are left for later calls. */
  check(): Promise<AuthorizeResult | null>;
}

/**
 * One auth.test per process, cached on success only. Bolt's own single-token authorize
 * caches the first attempt even when it failed, so a Slack hiccup during a deploy would leave
 * the bot deaf until restarted; here the next event simply tries again.
 */
export function botAuthorizer(token: string, clientOptions: webApi.WebClientOptions): BotAuthorizer {
  const client = new webApi.WebClient(token, clientOptions);
  let cached: Promise<AuthorizeResult> | null = null;
  const authorize = (): Promise<AuthorizeResult> => {
    if (cached) return cached;
    const attempt = client.auth.test().then((r) => ({
      botToken: token,
      ...(r.bot_id ? { botId: r.bot_id } : {}),
      ...(r.user_id ? { botUserId: r.user_id } : {}),
      ...(r.team_id ? { teamId: r.team_id } : {}),
    }));
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) cached = null;
    });
    return attempt;
  };
  return {
    authorize,
    async check() {
      try {
        return await authorize();
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code !== undefined && REJECTED.has(code)) {
          throw new ConfigError(
            `SLACK_BOT_TOKEN was rejected by Slack (${code}). Copy the current Bot User OAuth Token from OAuth & Permissions, and reinstall the app if it was revoked.`,
          );
        }
        return null;
      }
    },
  };
}
