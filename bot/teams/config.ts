/**
 * Teams settings, named as Bot Framework names them (Azure Bot resource → Configuration):
 *   MicrosoftAppId        the bot's app (client) id; set it and every request must carry a
 *                         valid Bot Framework token
 *   MicrosoftAppPassword  its client secret (MultiTenant, SingleTenant)
 *   MicrosoftAppType      MultiTenant (default) | SingleTenant | UserAssignedMSI
 *   MicrosoftAppTenantId  the tenant (SingleTenant, UserAssignedMSI)
 * With none of them, /api/messages takes unauthenticated requests, which is allowed only on
 * loopback: that is the local mode used with the Agents Playground.
 */

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

export type TeamsConfig =
  | {
      readonly auth: 'bot-framework';
      readonly appId: string;
      readonly appPassword: string | null;
      readonly appType: AppType;
      readonly tenantId: string | null;
    }
  /** No credentials: unauthenticated, loopback only. */
  | { readonly auth: 'none' };

export class TeamsConfigError extends Error {
  override readonly name = 'TeamsConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMES = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const;

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** True when any Teams setting is present: Teams was asked for. */
export function hasTeamsSettings(env: Env): boolean {
  return NAMES.some((name) => Boolean(env[name]?.trim()));
}

function authenticated(env: Env, appId: string): TeamsConfig {
  if (!GUID.test(appId)) {
    throw new TeamsConfigError(`MicrosoftAppId must be the bot's app (client) id, a GUID like 00000000-0000-0000-0000-000000000000; got "${appId}".`);
  }
  const rawType = env['MicrosoftAppType']?.trim() || 'MultiTenant';
  const appType = APP_TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
  if (!appType) throw new TeamsConfigError(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')}; got "${rawType}".`);
  const appPassword = env['MicrosoftAppPassword']?.trim() || null;
  const tenantId = env['MicrosoftAppTenantId']?.trim() || null;
  if (appType !== 'UserAssignedMSI' && !appPassword) {
    throw new TeamsConfigError(`MicrosoftAppPassword is not set. A ${appType} bot signs its replies with the client secret from its app registration (Certificates & secrets).`);
  }
  if (appType !== 'MultiTenant' && !tenantId) {
    throw new TeamsConfigError(`MicrosoftAppTenantId is not set. A ${appType} bot needs the id of the tenant its identity lives in.`);
  }
  if (tenantId !== null && !GUID.test(tenantId)) throw new TeamsConfigError(`MicrosoftAppTenantId must be a GUID; got "${tenantId}".`);
  return { auth: 'bot-framework', appId, appPassword, appType, tenantId };
}

/**
 * Reads the Teams settings once. `host` is where the HTTP server listens: without an app id
 * the adapter would accept anyone's requests, so that is refused unless only this machine
 * can reach it.
 */
export function readTeamsConfig(env: Env, host: string): TeamsConfig {
  const appId = env['MicrosoftAppId']?.trim();
  if (appId) return authenticated(env, appId);
  const stray = NAMES.filter((name) => env[name]?.trim());
  if (stray.length > 0) {
    throw new TeamsConfigError(`${stray.join(' and ')} ${stray.length > 1 ? 'are' : 'is'} set but MicrosoftAppId is not. Set MicrosoftAppId to the bot's app id, or remove the others for local mode.`);
  }
  if (!isLoopback(host)) {
    throw new TeamsConfigError(
      `MicrosoftAppId is not set, so /api/messages would accept unauthenticated requests from anyone who can reach ${host}. ` +
        'Set MicrosoftAppId and MicrosoftAppPassword (Azure Bot resource → Configuration) to serve Teams, ' +
        'or listen on loopback (HOST=127.0.0.1) for local testing with the Agents Playground.',
    );
  }
  return { auth: 'none' };
}

/** The object ConfigurationBotFrameworkAuthentication reads (it reads nothing else). */
export function botFrameworkSettings(config: TeamsConfig): Record<string, string> {
  if (config.auth === 'none') return {};
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType,
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  };
}
