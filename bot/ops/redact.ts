/**
 * Secret removal for log lines. Two passes because they catch different leaks: keys that
 * name a secret (headers.authorization, client_secret) and values that look like one
 * wherever they sit (a token inside an error message or a URL).
 */

export const REDACTED = '[redacted]';

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-slack-signature|token|access_token|refresh_token|bot_token|app_token|id_token|client_secret|clientsecret|secret|password|passwd|signing_?secret|microsoftapppassword|apppassword|api_?key|slack_signing_secret|slack_bot_token|slack_app_token|microsoft_app_password)$/i;

const MAX_DEPTH = 8;

/**
 * Copies plain objects and arrays, blanking values under secret-named keys. Errors and
 * other class instances are left for pino's serialisers (their text is scrubbed per line).
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null && v !== '' ? REDACTED : redactDeep(v, depth + 1);
  }
  return out;
}

const VALUE_PATTERNS: readonly [RegExp, string][] = [
  // Slack bot, user, app-level, config and refresh tokens.
  [/\bxox[abeoprs]-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  // HTTP credentials quoted inside messages ("Authorization: Bearer eyJ...").
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Credentials in query strings and form bodies.
  [/([?&](?:token|client_secret|code|access_token|password)=)[^&"\s\\]+/gi, `$1${REDACTED}`],
  // Bare JWTs (Bot Framework tokens) that slipped in without a scheme.
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, REDACTED],
];

/** Scrubs one finished JSON log line. Secrets are matched in their JSON-escaped form. */
export function scrubLine(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (out.includes(escaped)) out = out.split(escaped).join(REDACTED);
  }
  for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
