import { isRestError, type PipelinePolicy, type PipelineResponse } from '@azure/core-rest-pipeline';
import { AzureError, type AzureFailure } from '../core/azure/port.ts';

/**
 * Turns whatever an Azure call threw into the AzureError the core understands. Azure's own
 * error code and message are kept (they name the missing permission); a token never is:
 * neither the SDK's error messages nor ARM's bodies carry one, and no header is read but
 * Retry-After.
 */

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(response: PipelineResponse | undefined): number | null {
  const raw = response?.headers.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : null;
}

/**
 * What each call's requests met, by the call's abort signal: the last 429, and Azure's
 * request id (for the log line an operator quotes to Microsoft support). The SDK's
 * throttling policy waits out a Retry-After however long it is, so a call can hit our
 * deadline while waiting on Azure's say-so; it then reads as throttled (with Azure's
 * wait), not as a silent timeout.
 */
export class CallLog {
  private readonly seen = new WeakMap<object, number | null>();
  private readonly requestIds = new WeakMap<object, string>();

  readonly policy: PipelinePolicy = {
    name: 'sqlbackupCallLog',
    sendRequest: async (request, next) => {
      const response = await next(request);
      const signal = request.abortSignal;
      if (signal) {
        if (response.status === 429) this.seen.set(signal, retryAfterSeconds(response));
        const id = response.headers.get('x-ms-request-id');
        if (id) this.requestIds.set(signal, id);
      }
      return response;
    },
  };

  requestIdFor(signal: AbortSignal): string | null {
    return this.requestIds.get(signal) ?? null;
  }

  /** undefined: no 429 on this call. */
  lastFor(signal: AbortSignal): number | null | undefined {
    return this.seen.has(signal) ? this.seen.get(signal)! : undefined;
  }
}

interface ArmErrorBody {
  error?: { code?: unknown; message?: unknown };
}

/** ARM's `{ error: { code, message } }`, when the body is that. */
function armError(response: PipelineResponse | undefined): { code: string | null; message: string | null } {
  try {
    const body = JSON.parse(response?.bodyAsText ?? '') as ArmErrorBody;
    const code = typeof body.error?.code === 'string' ? body.error.code : null;
    const message = typeof body.error?.message === 'string' ? body.error.message : null;
    return { code, message };
  } catch {
    return { code: null, message: null };
  }
}

/** @azure/identity's errors when no credential in the chain worked. */
const CREDENTIAL_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError', 'AuthenticationRequiredError']);

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 500);
}

export function toFailure(error: unknown, signal: AbortSignal, throttles: CallLog): AzureFailure {
  if (error instanceof AzureError) return error.failure;
  if (signal.aborted) {
    const wait = throttles.lastFor(signal);
    return wait === undefined ? { kind: 'timeout' } : { kind: 'throttled', retryAfterSeconds: wait };
  }
  if (error instanceof Error && CREDENTIAL_ERRORS.has(error.name)) {
    // The chain's error lists why each credential failed; the operator needs those reasons.
    const each = (error as Error & { errors?: unknown[] }).errors;
    const reasons = Array.isArray(each) && each.length > 0 ? each.map((e) => firstLine(e instanceof Error ? e.message : String(e))).join(' | ') : firstLine(error.message);
    return { kind: 'forbidden', detail: firstLine(`no usable Azure credential: ${reasons}`) };
  }
  if (!isRestError(error)) return { kind: 'failed', status: null, code: null, detail: firstLine(error instanceof Error ? error.message : String(error)) };
  const status = error.statusCode ?? null;
  const body = armError(error.response);
  const code = body.code ?? (typeof error.code === 'string' ? error.code : null);
  const detail = firstLine([code, body.message ?? error.message].filter((part) => part).join(': '));
  if (status === 401 || status === 403) return { kind: 'forbidden', detail };
  if (status === 404) return { kind: 'not-found', detail };
  if (status === 429) return { kind: 'throttled', retryAfterSeconds: retryAfterSeconds(error.response) };
  return { kind: 'failed', status, code, detail };
}
