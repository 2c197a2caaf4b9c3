// The composition root: read the settings, build the real dependencies, start serving.
import { ConfigError, readConfig, type BotConfig } from './config.ts';
// The snapshot-first loader: a start from the build's snapshot reads no YAML (catalog/open.ts).
import { BUILT_IN_DIR, CatalogError } from '../catalog/catalog.ts';
import { openCatalog } from '../catalog/open.ts';
import { createClassifier } from '../intents/index.ts';
import type { CoreDeps } from './core/deps.ts';
import { buildBotServer } from './http/bot-server.ts';
import { ConnectionLimitsError, readConnectionLimits } from './http/connection-limits.ts';
import { ListenError } from './http/listen-error.ts';
import { createLogger } from './ops/logger.ts';
import { createMetrics } from './ops/metrics.ts';
import { createStore, StoreUnavailableError, type Store } from './store/index.ts';
import type { PlatformFactory, Platforms } from './core/platform.ts';
import { azureSide } from './azure-side.ts';
import { startAlerts } from './alerts/start.ts';

/**
 * Start-up problems an operator can fix (a setting, the catalog, Redis) end the process with
 * one line that says what is wrong; anything else is a bug and keeps its stack trace.
 */
async function orStop<T>(work: () => T | Promise<T>, fixable: readonly (abstract new (...args: never[]) => Error)[], prefix = ''): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!fixable.some((kind) => error instanceof kind)) throw error;
    process.stderr.write(`sqlbackup-bot cannot start: ${prefix}${(error as Error).message}\n`);
    process.exit(1);
  }
}

const config: BotConfig = await orStop(() => readConfig(), [ConfigError]);
const metrics = createMetrics();
const logger = createLogger({
  level: config.logLevel,
  onError: (where) => metrics.error(where),
  secrets: [config.slack?.botToken, config.slack?.signingSecret ?? undefined, config.slack?.appToken ?? undefined, process.env['MicrosoftAppPassword'], process.env['METRICS_TOKEN'], process.env['AZURE_CLIENT_SECRET'], process.env['IDENTITY_HEADER']],
});

const catalog = await orStop(() => openCatalog(BUILT_IN_DIR, config.catalogDirs), [CatalogError], 'the catalog is invalid: ');
const store: Store = await orStop(
  () => createStore(config.store, { logger, onStateChange: (degraded) => metrics.storeDegraded(degraded), reportMemoryKeys: metrics.memoryStoreKeys }),
  [StoreUnavailableError],
);
// The platforms start after the core they are built with; the Azure side looks them up when it posts.
let started: Platforms = new Map();
const azure = await orStop(() => azureSide(process.env, logger, () => started), [ConfigError]);
const core: CoreDeps = { catalog, classifier: createClassifier(catalog), store, clock: Date.now, limits: config.limits, logger, metrics, ...(azure ? { azure } : {}) };
// Every platform the settings ask for, built the same way: its factory, bound to its settings.
// A platform's SDK (Bolt, botbuilder) is loaded only when its settings ask for it: each is a
// large part of a cold start.
const platforms: PlatformFactory[] = [
  ...(config.slack ? [(await import('./slack/platform.ts')).slackPlatform(config.slack)] : []),
  ...(config.teams ? [(await import('./teams/index.ts')).teamsPlatform(config.teams, { local: config.local, playground: config.playground })] : []),
];
const connections = await orStop(() => readConnectionLimits(process.env), [ConnectionLimitsError]);
const metricsToken = process.env['METRICS_TOKEN']?.trim() || undefined;
const server = buildBotServer({ platforms, core, logger, bodyLimitBytes: config.bodyLimitBytes, metrics, connections, metricsToken });
started = new Map(server.platforms.map((p) => [p.platform, p]));
// Azure Monitor alerts: delivered by the same platforms, into the conversations that asked.
const alerts = startAlerts({
  config: config.alerts,
  core,
  platforms: server.platforms,
  http: server.http.app,
  registry: metrics.registry,
  bodyLimitBytes: config.bodyLimitBytes,
  track: (work) => server.track(work),
});
const port = await orStop(() => server.start(config.port, config.host), [ConfigError, ListenError]);
// Ready to answer codes now; the plain-words model is built right after, off the start path.
setImmediate(() => core.classifier.warm());
const modes = Object.fromEntries(server.platforms.map((p) => [p.platform, p.mode]));
logger.info({ port, slack: modes['slack'] ?? 'off', teams: modes['teams'] ?? 'off', azureActions: azure ? 'on' : 'off', entries: catalog.entries.length }, 'sqlbackup-bot is listening');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  try {
    alerts.stop();
    await server.stop();
    await store.close();
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'shutdown did not finish cleanly');
    process.exitCode = 1;
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => {
  // One conversation's failure must not take the others down with it.
  logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
});
