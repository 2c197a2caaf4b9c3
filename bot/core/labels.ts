import type { ScriptLang } from '../../intents/index.ts';
import type { Category, CodeLang, FacetTopic } from '../../catalog/index.ts';

/** Words the renderers and adapters share, so Slack, Teams and the terminal say the same thing. */

/** How a facet topic reads as a heading in an answer. */
export const FACET_LABELS: Readonly<Record<FacetTopic, string>> = {
  'master-database': 'System databases (master, model, msdb)',
  'recovery-model': 'Recovery model',
  permissions: 'Permissions',
  'always-on': 'Always On availability groups',
  powershell: 'PowerShell / Azure CLI',
  sql: 'T-SQL',
  retry: 'Retrying',
  'auto-heal': 'Does Azure fix it by itself?',
  'data-loss': 'Is data at risk?',
  network: 'Network',
  limits: 'Limits',
  portal: 'In the Azure portal',
  support: 'Opening a support case',
  instances: 'Several SQL Server instances on one VM',
  versions: 'Supported SQL Server versions',
  logs: 'Where the extension logs are',
  'on-demand-backup': 'Taking a backup now',
};

/** How a code block's language reads, over the block and as a heading. */
export const CODE_LABELS: Readonly<Record<CodeLang, string>> = {
  sql: 'T-SQL',
  powershell: 'PowerShell',
  bash: 'Azure CLI',
  cmd: 'Command prompt',
  json: 'JSON',
  text: 'Text',
};
export const LANG_LABELS: Readonly<Record<ScriptLang, string>> = CODE_LABELS;

/** How a catalog category reads in lists, on every platform. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  backup: 'Backup',
  restore: 'Restore',
  configuration: 'Configuration and discovery',
  connectivity: 'Connectivity',
  extension: 'Workload extension',
};

/** What a user is told when the bot fails on its side, on every platform. */
export const SORRY = 'Sorry, something went wrong on my side while answering. Please try again in a minute.';
