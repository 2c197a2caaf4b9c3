import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import type { Subscription } from '../core/alerts/subscriptions.ts';
import { parseFilters } from '../core/alerts/subscriptions.ts';

/**
 * Alert settings, read once by bot/config.ts.
 *   ALERT_WEBHOOK_TOKEN      secret in the webhook URL (?token=…), at least 32 characters;
 *                            without it (and without the audience) /alerts/azure-monitor is 404
 *   ALERT_WEBHOOK_AUDIENCE   Entra ID secure webhook: the app id URI tokens must be issued for
 *   ALERT_WEBHOOK_ISSUER     and the issuer they must come from (https://sts.windows.net/<tenant>/)
 *   ALERT_WEBHOOK_JWKS_URL   the tenant's signing keys (default Entra ID's published keys)
 *   ALERT_ROUTES_FILE        YAML list of conversations that get alerts, as code
 *   ALERT_QUIET_HOURS        a problem with no new failure for this long closes (default 48)
 */
export interface AlertsConfig {
  readonly token: string | null;
  readonly secure: { readonly audience: string; readonly issuer: string; readonly jwksUrl: string } | null;
  readonly routes: readonly Subscription[];
  readonly quietMs: number;
}

export class AlertsConfigError extends Error {
  override readonly name = 'AlertsConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const ENTRA_KEYS = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

const routeSchema = z.strictObject({
  platform: z.enum(['slack', 'teams']),
  /** Slack team id / Teams tenant id. */
  team: z.string().min(1),
  /** Slack channel id / Teams conversation id. */
  channel: z.string().min(1),
  space: z.enum(['channel', 'group', 'dm']).default('channel'),
  filters: z.strictObject({ vault: z.string(), rg: z.string(), sub: z.string(), severity: z.string() }).partial().default({}),
});
const routesSchema = z.strictObject({ routes: z.array(routeSchema) });

export function loadRoutes(file: string): Subscription[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AlertsConfigError(`ALERT_ROUTES_FILE ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = routesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AlertsConfigError(`ALERT_ROUTES_FILE ${file} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data.routes.map((r, i) => {
    const filters = parseFilters(Object.entries(r.filters).map(([k, v]) => `${k}=${v}`));
    if (typeof filters === 'string') throw new AlertsConfigError(`ALERT_ROUTES_FILE ${file}: routes.${i}.filters: ${filters}`);
    return { place: { platform: r.platform, team: r.team, channel: r.channel, thread: null, space: r.space }, filters };
  });
}

export function readAlertsConfig(env: Env): AlertsConfig {
  const token = env['ALERT_WEBHOOK_TOKEN']?.trim() || null;
  if (token !== null && token.length < 32) {
    throw new AlertsConfigError('ALERT_WEBHOOK_TOKEN must be at least 32 characters (it is the only secret of a plain webhook). Generate one with: openssl rand -hex 32');
  }
  const audience = env['ALERT_WEBHOOK_AUDIENCE']?.trim() || null;
  const issuer = env['ALERT_WEBHOOK_ISSUER']?.trim() || null;
  if (audience !== null && issuer === null) {
    throw new AlertsConfigError('ALERT_WEBHOOK_ISSUER is not set. A secure webhook accepts tokens from your tenant only: set it to https://sts.windows.net/<tenant id>/ (or the v2.0 issuer).');
  }
  const jwksUrl = env['ALERT_WEBHOOK_JWKS_URL']?.trim() || ENTRA_KEYS;
  if (!/^https?:\/\//.test(jwksUrl)) throw new AlertsConfigError('ALERT_WEBHOOK_JWKS_URL must be an http(s) URL.');
  const quiet = env['ALERT_QUIET_HOURS']?.trim();
  const hours = quiet ? Number(quiet) : 48;
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new AlertsConfigError(`ALERT_QUIET_HOURS must be a number of hours from 0 to 720, got "${quiet}".`);
  const file = env['ALERT_ROUTES_FILE']?.trim();
  return {
    token,
    secure: audience !== null && issuer !== null ? { audience, issuer, jwksUrl } : null,
    routes: file ? loadRoutes(file) : [],
    quietMs: hours * 3_600_000,
  };
}
