import { config as loadDotenv } from 'dotenv';
import { operatorDirsFrom } from '../catalog/index.ts';
import { DEFAULT_LIMITS, type CoreLimits } from './core/deps.ts';
import type { LogLevel } from './ops/logger.ts';
import { readSlackConfig, ConfigError, type SlackConfig } from './slack/config.ts';
import { AlertsConfigError, readAlertsConfig, type AlertsConfig } from './alerts/config.ts';
import { readStoreConfig, StoreConfigError, type StoreConfig } from './store/config.ts';
import { hasTeamsSettings, readTeamsConfig, TeamsConfigError, type TeamsConfig } from './teams/config.ts';

// `natural` runs dotenv again when the classifier is imported and prints a tip to stdout;
// this module is imported first, so its default reaches that call too.
process.env['DOTENV_CONFIG_QUIET'] ??= 'true';

export { ConfigError };

/**
 * Every setting, read once at start. Besides the Slack and store settings:
 *   PORT                          HTTP port (default 3000)
 *   BODY_LIMIT_BYTES              largest request body accepted; bigger gets 413 (default 1048576)
 *   LOG_LEVEL                     fatal|error|warn|info|debug|trace|silent (default info)
 *   CATALOG_DIR                   operator catalog folders, separated by ':'
 *   RATE_LIMIT_USER               answers per user per window (default 20)
 *   RATE_LIMIT_CHANNEL            answers per channel per window (default 60)
 *   RATE_LIMIT_WINDOW_SECONDS     the window (default 60)
 *   THREAD_TTL_HOURS              how long a thread remembers its entry (default 168)
 *   HOST                          interface to listen on (default all; 127.0.0.1 in local mode)
 *   PLAYGROUND                    off: local mode without the Agents Playground
 *   ALERT_*                       the Azure Monitor alerts webhook (bot/alerts/config.ts)
 * With no Slack and no Teams setting at all the bot runs in local mode: loopback, Teams
 * unauthenticated, the Agents Playground beside it, so a newcomer can talk to it at once.
 */
export interface BotConfig {
  readonly port: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: LogLevel;
  readonly catalogDirs: readonly string[];
  readonly limits: CoreLimits;
  /** Null when no SLACK_* setting is present at all: a Teams-only (or local) deployment. */
  readonly slack: SlackConfig | null;
  /** Null when Teams is neither configured nor in local mode. */
  readonly teams: TeamsConfig | null;
  /** No credentials for any platform. */
  readonly local: boolean;
  /** Undefined: every interface. */
  readonly host: string | undefined;
  readonly playground: boolean;
  readonly store: StoreConfig;
  readonly alerts: AlertsConfig;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Any one of these means "run Slack", and then the rest must be right too. */
const SLACK_SETTINGS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A whole-number setting within bounds, or its default when unset; ConfigError names it otherwise. */
export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return n;
}

/** Reads the settings from `env` (process.env after .env by default); throws ConfigError naming the bad one. */
export function readConfig(env: Env = loadEnv()): BotConfig {
  const level = (env['LOG_LEVEL']?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${env['LOG_LEVEL']}".`);
  const windowMs = int(env, 'RATE_LIMIT_WINDOW_SECONDS', DEFAULT_LIMITS.perUser.windowMs / 1000, 1, 86_400) * 1000;
  let store: StoreConfig;
  try {
    store = readStoreConfig(env);
  } catch (error) {
    if (error instanceof StoreConfigError) throw new ConfigError(error.message);
    throw error;
  }
  const slack = SLACK_SETTINGS.some((name) => env[name]?.trim()) ? readSlackConfig(env) : null;
  const local = slack === null && !hasTeamsSettings(env);
  const host = env['HOST']?.trim() || (local ? '127.0.0.1' : undefined);
  let teams: TeamsConfig | null = null;
  let alerts: AlertsConfig;
  try {
    if (local || hasTeamsSettings(env)) teams = readTeamsConfig(env, host ?? '0.0.0.0');
    alerts = readAlertsConfig(env);
  } catch (error) {
    if (error instanceof TeamsConfigError || error instanceof AlertsConfigError) throw new ConfigError(error.message);
    throw error;
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65_535),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    logLevel: level,
    catalogDirs: operatorDirsFrom(env['CATALOG_DIR']),
    limits: {
      perUser: { max: int(env, 'RATE_LIMIT_USER', DEFAULT_LIMITS.perUser.max, 1, 100_000), windowMs },
      perChannel: { max: int(env, 'RATE_LIMIT_CHANNEL', DEFAULT_LIMITS.perChannel.max, 1, 100_000), windowMs },
      threadTtlMs: int(env, 'THREAD_TTL_HOURS', DEFAULT_LIMITS.threadTtlMs / 3_600_000, 1, 24 * 90) * 3_600_000,
      dedupeTtlMs: DEFAULT_LIMITS.dedupeTtlMs,
    },
    slack,
    teams,
    local,
    host,
    // PLAYGROUND=off (or 0/false/no) keeps local mode without the playground: tests, CI, headless use.
    playground: !/^(off|0|false|no)$/i.test(env['PLAYGROUND']?.trim() ?? ''),
    store,
    alerts,
  };
}

/** .env from the working directory (or DOTENV_CONFIG_PATH); real environment variables win. */
function loadEnv(): Env {
  const path = process.env['DOTENV_CONFIG_PATH'];
  loadDotenv({ quiet: true, ...(path ? { path } : {}) });
  return process.env;
}
