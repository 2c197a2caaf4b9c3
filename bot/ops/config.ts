import { DEFAULT_BODY_LIMIT_BYTES } from './bodyLimit.ts';
import type { LogLevel } from './logger.ts';

/**
 * Operations settings, read once by the composition root.
 *   LOG_LEVEL            fatal|error|warn|info|debug|trace|silent (default info)
 *   BODY_LIMIT_BYTES     requests above this get 413 (default 262144 = 256 KB)
 *   SHUTDOWN_TIMEOUT_MS  how long SIGTERM waits for in-flight answers (default 10000)
 */
export interface OpsConfig {
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function positiveInt(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function readOpsConfig(env: Readonly<Record<string, string | undefined>>): OpsConfig {
  const level = (env['LOG_LEVEL']?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${level}"`);
  return {
    logLevel: level,
    bodyLimitBytes: positiveInt(env, 'BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT_BYTES),
    shutdownTimeoutMs: positiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
  };
}
