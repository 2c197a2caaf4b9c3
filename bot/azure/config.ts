/**
 * Settings for acting on Azure from the card, read once at start:
 *   AZURE_ACTIONS               on | off (default off: nothing of this is loaded)
 *   AZURE_RESOURCE_MANAGER_URL  ARM endpoint (default https://management.azure.com; a sovereign
 *                               cloud's, e.g. https://management.usgovcloudapi.net)
 *   AZURE_SUBSCRIPTION_ID       subscriptions searched by findDatabases, comma-separated
 *                               (default: every subscription the identity can read)
 *   AZURE_TIMEOUT_SECONDS       longest wait for one action (default 30)
 * Credentials are not settings here: @azure/identity's default chain reads its own variables.
 */
export interface AzureConfig {
  /** Origin of Azure Resource Manager, without a trailing slash. */
  readonly endpoint: string;
  readonly subscriptions: readonly string[];
  readonly timeoutMs: number;
}

export class AzureConfigError extends Error {
  override readonly name = 'AzureConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function endpointFrom(raw: string | undefined): string {
  const text = raw?.trim() || 'https://management.azure.com';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AzureConfigError(`AZURE_RESOURCE_MANAGER_URL must be a URL such as https://management.azure.com, got "${text}".`);
  }
  // Azure's SDKs refuse to send a bearer token over plain HTTP; say so here rather than on the first click.
  if (url.protocol !== 'https:') throw new AzureConfigError(`AZURE_RESOURCE_MANAGER_URL must use https (tokens are never sent over plain HTTP), got "${text}".`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new AzureConfigError(`AZURE_RESOURCE_MANAGER_URL must be the endpoint alone (scheme and host), got "${text}".`);
  }
  return url.origin;
}

function subscriptionsFrom(raw: string | undefined): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const bad = ids.find((id) => !GUID.test(id));
  if (bad !== undefined) throw new AzureConfigError(`AZURE_SUBSCRIPTION_ID must be subscription ids (GUIDs) separated by commas, got "${bad}".`);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

function timeoutFrom(raw: string | undefined): number {
  const text = raw?.trim();
  if (!text) return 30_000;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 300) throw new AzureConfigError(`AZURE_TIMEOUT_SECONDS must be a whole number from 1 to 300, got "${text}".`);
  return n * 1000;
}

/** Null unless AZURE_ACTIONS=on; throws AzureConfigError (one line, naming the setting) for a bad value. */
export function readAzureConfig(env: Env): AzureConfig | null {
  const flag = env['AZURE_ACTIONS']?.trim().toLowerCase() ?? '';
  if (flag === '' || flag === 'off') return null;
  if (flag !== 'on') throw new AzureConfigError(`AZURE_ACTIONS must be on or off, got "${env['AZURE_ACTIONS']}".`);
  return {
    endpoint: endpointFrom(env['AZURE_RESOURCE_MANAGER_URL']),
    subscriptions: subscriptionsFrom(env['AZURE_SUBSCRIPTION_ID']),
    timeoutMs: timeoutFrom(env['AZURE_TIMEOUT_SECONDS']),
  };
}
