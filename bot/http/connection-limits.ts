import { readFileSync } from 'node:fs';

/**
 * How long a client may take to send a request, and how many sockets may be open at once.
 * Node's defaults (60 s for headers, 300 s for a request, no cap on sockets) let a client
 * that trickles a body a byte at a time hold a socket for minutes, and a few hundred of them
 * exhaust the process's file limit, after which even /healthz cannot be answered.
 */
export interface ConnectionLimits {
  /** The request line and headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /**
   * How often Node checks the two timeouts above. They are enforced only on this tick, so
   * with Node's default of 30 s a 30 s request limit bites only after up to about 60 s.
   */
  readonly checkIntervalMs: number;
  /** Sockets beyond this are closed on arrival. */
  readonly maxConnections: number;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Descriptors kept free for what the bot itself opens: Redis, the Slack and Teams APIs, logs, catalog files. */
const RESERVED_DESCRIPTORS = 64;
/** Used when the file limit cannot be read (not Linux): the common soft limit. */
const ASSUMED_FILE_LIMIT = 1024;

export class ConnectionLimitsError extends Error {
  override readonly name = 'ConnectionLimitsError';
}

/** The soft limit on open files ("Max open files" in /proc/self/limits), or null when unknown. */
export function openFileLimit(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | null {
  try {
    const line = read().split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === undefined || soft === 'unlimited') return null;
    const n = Number(soft);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** Three quarters of what the file limit leaves after the bot's own descriptors, at least 16. */
export function defaultMaxConnections(fileLimit: number | null = openFileLimit()): number {
  const limit = fileLimit ?? ASSUMED_FILE_LIMIT;
  return Math.max(16, Math.floor(((limit - RESERVED_DESCRIPTORS) * 3) / 4));
}

/** Checks often enough that each limit is enforced within about a tenth of itself (at most 1 s late). */
export function checkIntervalFor(headersTimeoutMs: number, requestTimeoutMs: number): number {
  return Math.max(50, Math.min(1000, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 10)));
}

/** The limits with every unset one at its default. */
export function connectionLimits(overrides: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const headersTimeoutMs = overrides.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeoutMs = overrides.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: overrides.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    checkIntervalMs: overrides.checkIntervalMs ?? checkIntervalFor(headersTimeoutMs, requestTimeoutMs),
    maxConnections: overrides.maxConnections ?? defaultMaxConnections(),
  };
}

/** MAX_CONNECTIONS from the environment; unset means the default derived from the file limit. */
export function readConnectionLimits(env: Readonly<Record<string, string | undefined>>): Partial<ConnectionLimits> {
  const raw = env['MAX_CONNECTIONS']?.trim();
  if (!raw) return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new ConnectionLimitsError(`MAX_CONNECTIONS must be a whole number from 1 to 1000000, got "${raw}".`);
  }
  return { maxConnections: n };
}
