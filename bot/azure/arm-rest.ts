import { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';

/**
 * The documented REST calls that no maintained Node SDK covers for us (listing vaults and
 * subscriptions without pulling in two more ARM packages, and the Alerts Management state
 * change), sent through a core-client ServiceClient: the same pipeline the SDK clients use,
 * so the same bearer token, retries and 429 handling apply.
 */

/** Recovery Services "Vaults - List By Subscription Id", a stable version. */
export const VAULTS_API_VERSION = '2023-04-01';
/** Resource Manager "Subscriptions - List". */
export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
/** Alerts Management "Alerts - Change State", the stable version. */
export const ALERTS_API_VERSION = '2019-03-01';

export interface ArmRest {
  /** Sends one request; resolves with the parsed JSON body (or null), throws RestError for a status of 400 or more. */
  send(method: 'GET' | 'POST', path: string, query: Record<string, string>, signal: AbortSignal): Promise<unknown>;
  /** Every `value` of a paged list, following nextLink on the same endpoint only (the token goes nowhere else). */
  list(path: string, query: Record<string, string>, signal: AbortSignal): Promise<unknown[]>;
}

export function createArmRest(endpoint: string, credential: TokenCredential, policies: readonly PipelinePolicy[]): ArmRest {
  const client = new ServiceClient({
    endpoint,
    credential,
    credentialScopes: [`${endpoint}/.default`],
    additionalPolicies: policies.map((policy) => ({ policy, position: 'perRetry' as const })),
  });

  async function sendUrl(method: 'GET' | 'POST', url: string, signal: AbortSignal): Promise<unknown> {
    const request = createPipelineRequest({ url, method, abortSignal: signal });
    const response = await client.sendRequest(request);
    const text = response.bodyAsText ?? '';
    if (response.status >= 400) {
      throw new RestError(`Azure answered ${response.status}`, { statusCode: response.status, request, response });
    }
    if (!text.trim()) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new RestError(`Azure answered ${response.status} with a body that is not JSON`, { statusCode: response.status, request, response });
    }
  }

  function urlOf(path: string, query: Record<string, string>): string {
    const url = new URL(path, `${endpoint}/`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }

  return {
    send: (method, path, query, signal) => sendUrl(method, urlOf(path, query), signal),
    async list(path, query, signal) {
      const values: unknown[] = [];
      let url: string | null = urlOf(path, query);
      while (url !== null) {
        const page = (await sendUrl('GET', url, signal)) as { value?: unknown; nextLink?: unknown } | null;
        if (Array.isArray(page?.value)) values.push(...(page.value as unknown[]));
        const next: unknown = page?.nextLink;
        url = typeof next === 'string' && next && new URL(next).origin === endpoint ? next : null;
      }
      return values;
    },
  };
}
