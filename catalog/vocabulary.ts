/**
 * The catalog's closed lists, without zod: the CLI and the bot read them at start, and a
 * catalog loaded from the build's snapshot never needs the schema library.
 */

export const CATEGORIES = ['backup', 'restore', 'configuration', 'connectivity', 'extension'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Follow-up topics a DBA asks about in a thread. The set is closed so that the follow-up
 * classifier can be trained on it once, for every entry; an entry answers the topics it
 * knows about in `facets`. "why", "fix" and "link" are not facets: they come from
 * `causes`, `actions` and `docs`.
 */
export const FACET_TOPICS = [
  'master-database', // system databases: master, model, msdb, tempdb
  'recovery-model', // simple / full / bulk-logged, how to see or change it
  'permissions', // sysadmin, service accounts, NT AUTHORITY\SYSTEM
  'always-on', // availability groups, backup preference, replicas
  'powershell', // an Az PowerShell or CLI command for this case
  'sql', // a T-SQL query to diagnose or fix
  'retry', // is it safe to retry, will Azure retry by itself
  'auto-heal', // does Azure Backup repair this on its own (remedial full)
  'data-loss', // is data at risk, what about recovery points
  'network', // outbound access, NSG tags, proxies, DNS
  'limits', // documented numeric limits
  'portal', // where to click in the Azure portal
  'support', // when and how to open a support case
  'instances', // several SQL Server instances on one VM
  'versions', // supported SQL Server versions, editions and images
  'logs', // where the workload extension writes its logs on the VM
  'on-demand-backup', // take a full, differential or log backup now (PowerShell, az)
] as const;
export type FacetTopic = (typeof FACET_TOPICS)[number];

/** Where the facts of an entry come from (issue 6 asks that each entry say so). */
export const SOURCES = [
  'troubleshoot-article',
  'availability-group-article',
  'portal-self-help',
  'support-matrix',
  'restore-article',
  'faq',
  'sql-server-docs',
  'powershell-reference',
  'az-cli-reference',
  'operator',
] as const;

export const CODE_LANGS = ['sql', 'powershell', 'json', 'text', 'cmd', 'bash'] as const;
export type CodeLang = (typeof CODE_LANGS)[number];

/**
 * Placeholders in code bodies are `<name>` from PLACEHOLDERS, quoted where a pasted value
 * would go: `[<database>]` for a T-SQL identifier, `'<database>'` for a string (T-SQL,
 * PowerShell or shell). The bot fills only quoted ones, escaping the value for that quoting,
 * so a hostile database name can never become code.
 */
export const PLACEHOLDERS = ['database', 'instance', 'server', 'vm', 'vault', 'resource-group', 'ag', 'login', 'item', 'job-id', 'subscription'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
