/**
 * Slack settings, read once by bot/config.ts.
 *   SLACK_BOT_TOKEN       xoxb-… (OAuth & Permissions → Bot User OAuth Token)
 *   SLACK_SIGNING_SECRET  Basic Information → App Credentials → Signing Secret
 *   SLACK_APP_TOKEN       optional xapp-… with connections:write: Socket Mode instead of HTTP
 *   SLACK_API_URL         optional Web API base URL (GovSlack, a proxy, tests); default Slack's own
 */
export interface SlackConfig {
  readonly botToken: string;
  /** Required in HTTP mode; Socket Mode has no inbound requests to verify. */
  readonly signingSecret: string | null;
  readonly appToken: string | null;
  readonly apiUrl: string | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function need(env: Env, name: string, how: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set. ${how}`);
  return value;
}

export function readSlackConfig(env: Env): SlackConfig {
  const botToken = need(env, 'SLACK_BOT_TOKEN', 'Copy the Bot User OAuth Token (xoxb-…) from your Slack app: OAuth & Permissions, after installing the app to the workspace.');
  if (!botToken.startsWith('xoxb-')) {
    throw new ConfigError('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token), not a user or app token.');
  }
  const appToken = env['SLACK_APP_TOKEN']?.trim() || null;
  if (appToken !== null && !appToken.startsWith('xapp-')) {
    throw new ConfigError('SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (Basic Information → App-Level Tokens, scope connections:write). Leave it unset for HTTP mode.');
  }
  const signingSecret =
    appToken !== null && !env['SLACK_SIGNING_SECRET']?.trim()
      ? null
      : need(env, 'SLACK_SIGNING_SECRET', 'Copy the Signing Secret from your Slack app: Basic Information → App Credentials (or set SLACK_APP_TOKEN for Socket Mode).');
  if (signingSecret !== null && !/^[0-9a-f]{16,}$/i.test(signingSecret)) {
    throw new ConfigError('SLACK_SIGNING_SECRET looks malformed: it is the hexadecimal Signing Secret from Basic Information → App Credentials (not the Client Secret or a token).');
  }
  const apiUrl = env['SLACK_API_URL']?.trim() || null;
  if (apiUrl !== null) {
    let url: URL;
    try {
      url = new URL(apiUrl);
    } catch {
      throw new ConfigError(`SLACK_API_URL is not a URL: "${apiUrl}". Example: https://slack.com/api/ (or your GovSlack / proxy base URL).`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('SLACK_API_URL must be an http(s) URL.');
  }
  // The Web API client appends the method name to the base URL, so it must end with a slash.
  return { botToken, signingSecret, appToken, apiUrl: apiUrl === null ? null : apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
}
