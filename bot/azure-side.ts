import { ConfigError, int } from './config.ts';
import { parseAllowList } from './core/azure/allow-list.ts';
import { conversationsOf } from './core/azure/conversations.ts';
import type { AzureSide } from './core/azure/side.ts';
import type { Platforms } from './core/platform.ts';
import type { Logger } from './ops/logger.ts';

const DAY_MS = 86_400_000;

/**
 * Acting on Azure from the card, when AZURE_ACTIONS=on. The Azure SDKs are imported only
 * then: a bot that does not opt in never loads them.
 */
export async function azureSide(env: NodeJS.ProcessEnv, logger: Logger, platforms: () => Platforms): Promise<AzureSide | undefined> {
  const switched = env['AZURE_ACTIONS']?.trim().toLowerCase() ?? 'off';
  if (switched === 'off' || switched === '') return undefined;
  if (switched !== 'on') throw new ConfigError(`AZURE_ACTIONS must be on or off, not "${switched.slice(0, 20)}"`);
  const allowed = parseAllowList(env['AZURE_ACTIONS_ALLOWED']);
  if ('error' in allowed) throw new ConfigError(allowed.error);
  const retentionDays = int(env, 'AZURE_BACKUP_RETENTION_DAYS', 45, 1, 36_500);
  const everyMs = int(env, 'AZURE_FOLLOW_SECONDS', 30, 1, 3_600) * 1000;
  const { readAzureConfig, createAzureActions } = await import('./azure/index.ts');
  let config: NonNullable<ReturnType<typeof readAzureConfig>>;
  try {
    config = readAzureConfig(env)!;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (allowed.users.size + allowed.slackGroups.size === 0) {
    logger.warn('AZURE_ACTIONS is on but AZURE_ACTIONS_ALLOWED names nobody: everyone can read jobs, nobody can start a backup or change an alert');
  }
  return {
    actions: createAzureActions(config, logger),
    allowed,
    retentionDays,
    follow: { everyMs, forMs: DAY_MS / 2 },
    conversations: conversationsOf(platforms),
  };
}
