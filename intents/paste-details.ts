/**
 * What a paste says about the failure besides its error: the database, instance, server or
 * VM, vault, job, operation, backup type and time, read from every format Azure prints
 * (portal, PowerShell job details, az and REST JSON, Log Analytics rows, alert e-mails).
 * Only what the paste literally contains; nothing is guessed.
 */

export const BACKUP_TYPES = ['Full', 'Differential', 'Log', 'CopyOnlyFull'] as const;
export type BackupType = (typeof BACKUP_TYPES)[number];
export type Operation = 'Backup' | 'Restore' | 'ConfigureBackup';

export interface PasteDetails {
  readonly database?: string;
  readonly instance?: string;
  /** The SQL Server host or VM. */
  readonly server?: string;
  readonly vault?: string;
  readonly resourceGroup?: string;
  readonly item?: string;
  readonly jobId?: string;
  readonly operation?: Operation;
  readonly backupType?: BackupType;
  readonly time?: string;
  /** The paste says the job ran on an availability group secondary. */
  readonly secondary?: boolean;
}

/** Names longer than this, or with control characters, are not names: they are left out. */
const MAX_NAME = 128;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
   
  if (!v || v.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(v) || v === '...' || /^<.*>$/.test(v)) return undefined;
  return v;
}

function first(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const re of patterns) {
    const v = clean(re.exec(text)?.[1]);
    if (v) return v;
  }
  return undefined;
}

/** "MSSQLSERVER/msDB [sqlserver-0.contoso.com]": instance, database and host of a workload item. */
const WORKLOAD_NAME = /(?:entityFriendlyName|WorkloadName|BackupItemFriendlyName|DatasourceFriendlyName)["'_s]*\s*[:=]\s*"?([^"\r\n/]{1,128})\/([^"\r\n[]{1,128}?)\s*(?:\[([^\]\r\n]{1,128})\])?\s*"?\s*(?:[,}]|$)/im;
/** `SQLDataBase;MSSQLSERVER;master`, `sqldatabase;mssqlserver;master`: the protected item name. */
const ITEM_NAME = /\b(sqldatabase;([^;\s"'/]{1,128});([^\s"',;/\]]{1,128}))/i;

/** Words that follow "db" or "database" in chat without being its name. */
const NOT_A_NAME = new Set(
  (
    'is was has had in on of for to the a an and or but that this which backup backups log logs full diff differential restore restores files file name names server instance level mirroring engine id guid owner principal ' +
    'now here there too again also still it its same other another new old one keeps kept failed fails failing is are we our my your their all every some any ' +
    'details message code status reason description fired alert warning error result summary'
  ).split(' '),
);

/** Capitals that name a technology, never a database, in a DBA's sentence. */
const ACRONYMS = new Set('SQL AG AGS VM VMS LSN DB DBS VSS TDE AD DNS NSG API CLI PS UTC GB TB MB OS IO HA DR RPO RTO KB UI PR NFS SMB TLS'.split(' '));

/** The system databases, named in lower case as often as not. */
const SYSTEM_DB = /^(?:master|msdb|model)$/i;

/**
 * A database named in chat: "db Orders", "database Payroll", "for Payroll on sqlvm-fin-01",
 * "differential backup of master", "log backups for ReportingDB keep failing", "Backup (Full)
 * of LegacyCRM failed", "restore of Archive2019", "restored over Orders", "on DWH_Stage log
 * backup". A name must look like one (a capital, a digit or an underscore, and not an acronym
 * such as SQL or AG), or be a system database: Azure's own sentences ("backup of the database
 * failed", "the db when restoring") never qualify.
 */
const NAME = String.raw`([A-Za-z_][\w$#@-]{0,127})`;
const CHAT_NAMES: readonly { readonly re: RegExp; readonly caps: boolean }[] = [
  { re: new RegExp(String.raw`\bdb\s+${NAME}\b`, 'gi'), caps: true },
  { re: new RegExp(String.raw`\b(?:db|database)\s+(?:is|was|called|named|name is)\s+${NAME}`, 'gi'), caps: true },
  // "SalesDB: UserErrorSQLLSNValidationFailure": a name, then the error it got.
  { re: new RegExp(String.raw`\b${NAME}\s*:\s*(?=UserError|[A-Z]\w*(?:Error|Fault)\w*\b|Msg\s\d)`, 'g'), caps: true },
  // T-SQL keywords follow DATABASE ("ALTER DATABASE ADD FILE"): no all-capitals name there.
  { re: new RegExp(String.raw`\bdatabase\s+${NAME}\b`, 'gi'), caps: false },
  { re: new RegExp(String.raw`\b(?:backups?|restores?|jobs?|\((?:full|differential|log)\))\s+(?:of|for)\s+${NAME}`, 'gi'), caps: true },
  { re: new RegExp(String.raw`\b(?:restored|restoring|restore)\s+over\s+${NAME}`, 'gi'), caps: true },
  { re: new RegExp(String.raw`\b(?:of|for|on)\s+${NAME}(?=\s*[,(:]|\s*$|\s+(?:on|in|to|at|failed|fails|failing|keeps?|is|was|says|said|shows|throws|gives|log|full|diff\w*)\b)`, 'gm'), caps: true },
];

/** A word that can be a database's name here, not a word of the sentence around it. */
function isName(name: string, caps = true): boolean {
  if (name.length < 2 || NOT_A_NAME.has(name.toLowerCase()) || /(?:Error|Fault|Failure)/.test(name)) return false;
  if (SYSTEM_DB.test(name)) return true;
  const allCaps = /^[A-Z0-9_]+$/.test(name);
  return /[A-Z0-9_]/.test(name) && !ACRONYMS.has(name) && (caps || !allCaps);
}

function chatName(text: string): string | undefined {
  for (const { re, caps } of CHAT_NAMES) {
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? '';
      if (isName(name, caps)) return name;
    }
  }
  return undefined;
}

const DATABASE = [
  /\bdatabase\s+'([^'\r\n]{1,128})'/i, // SQL Server: "database 'SalesDB'"
  /\b(?:database|db|database name|databaseName|(?:affected )?data ?source)["']?\s*[:=]\s*["']?([A-Za-z0-9_$#@.-]{1,128})/i,
  /\b(?:database|db)\s+\[([^\]\r\n]{1,128})\]/i,
];
const SERVER = [
  /virtualMachines\/([A-Za-z0-9_.-]{1,64})/i,
  /VMAppContainer;Compute;[^;\s"]+;([A-Za-z0-9_.-]{1,64})/i,
  /\b(?:linkedResourceName|vm ?name|server ?name|computer|Computer_s|host)["']?\s*[:=]\s*["']?([A-Za-z0-9_.-]{1,64})/i,
  // Host names as DBAs type them: sqlvm-fin-01, sqlprd03, vm-sql-02.
  /\b((?:sql|vm)[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*)\b/i,
];
const INSTANCE = [/\b(MSSQLSERVER)\b/, /\binstance\s*[:=]?\s*["']?([A-Za-z0-9_$]{1,16}\\[A-Za-z0-9_$]{1,16}|[A-Z][A-Z0-9_$]{1,15})\b/];
const VAULT = [
  /\/vaults\/([A-Za-z0-9_-]{1,64})/i,
  /\b(?:vault|vault ?name)["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{1,64})/i,
  /(?:\s-v\s+|--vault-name\s+|-VaultName\s+|\bvault\s+)([A-Za-z0-9_-]{2,64})/i,
  /\b(rsv-[A-Za-z0-9_-]{1,60})\b/i,
];
const RESOURCE_GROUP = [/resourceGroups\/([A-Za-z0-9_.()-]{1,90})/i, /\b(?:ResourceGroupName|resource ?group)["']?\s*[:=]\s*["']?([A-Za-z0-9_.()-]{1,90})/i];
const JOB_ID = [
  new RegExp(`backupJobs\\/(${GUID.source})`, 'i'),
  new RegExp(`"name"\\s*:\\s*"(${GUID.source})"`, 'i'),
  new RegExp(`(?:\\s-n|--name|-JobId)\\s+(${GUID.source})`, 'i'),
  new RegExp(`\\b(?:JobId|jobId|Job ID|JobUniqueId)["'_s]*\\s*[:=]\\s*["']?(${GUID.source})`, 'i'),
];
const TIME = [/\b(?:startTime|StartTime|JobStartDateTime|firedDateTime|TimeGenerated)["'_s]*\s*[:=]\s*["']?(\d{4}-\d\d-\d\dT[\d:.]+Z?)/i];

/** "Backup (Differential)", JobOperationSubType "Log", "-BackupType CopyOnlyFull", "differential backup of". */
function backupTypeOf(text: string): BackupType | undefined {
  const m =
    /\b(?:Backup|Restore)\s*\((Full|Differential|Log|CopyOnlyFull|Copy only full)\)/i.exec(text) ??
    /\b(?:JobOperationSubType|backupType|BackupType|backup[_ ]type)["'_s]*\s*[:=]?\s*["'-]?\s*(Full|Differential|Log|CopyOnlyFull)\b/i.exec(text) ??
    /\b(full|differential|diff|log|copy[- ]only(?: full)?)\s+backups?\b/i.exec(text) ??
    /\b(?:nightly|scheduled|weekly|daily|hourly|on-demand) (full|differential|diff|log)\b/i.exec(text) ??
    /\bBACKUP (LOG)\b/.exec(text);
  const raw = m?.[1]?.toLowerCase().replace(/[\s-]/g, '');
  if (!raw) return undefined;
  if (raw === 'diff' || raw === 'differential') return 'Differential';
  if (raw.startsWith('copyonly')) return 'CopyOnlyFull';
  return raw === 'log' ? 'Log' : 'Full';
}

function operationOf(text: string): Operation | undefined {
  const m =
    /\b(?:operation|JobOperation)["'_s]*\s*[:=]\s*["']?(Backup|Restore|ConfigureBackup|Configure Backup)\b/i.exec(text) ??
    /\b(Backup|Restore)\s*\((?:Full|Differential|Log|Copy ?Only ?Full)\)/i.exec(text) ??
    /\b(configur(?:e|ing) (?:backup|protection)|restor(?:e|ing)|restored)\b/i.exec(text);
  const raw = m?.[1]?.toLowerCase().replace(/\s/g, '').replace(/^configur\w*/, 'configurebackup').replace(/^restor\w*/, 'restore');
  if (raw === 'backup') return 'Backup';
  if (raw === 'restore') return 'Restore';
  return raw === 'configurebackup' ? 'ConfigureBackup' : undefined;
}

export function pasteDetails(text: string): PasteDetails {
  const workload = WORKLOAD_NAME.exec(text);
  const item = ITEM_NAME.exec(text);
  const typed = first(text, DATABASE);
  const database = clean(workload?.[2]) ?? clean(item?.[3]) ?? (typed && !NOT_A_NAME.has(typed.toLowerCase()) ? typed : undefined) ?? clean(chatName(text));
  const instance = clean(workload?.[1]) ?? clean(item?.[2]) ?? first(text, INSTANCE);
  const server = clean(workload?.[3]) ?? first(text, SERVER);
  const details: Record<string, string | boolean | undefined> = {
    database,
    instance,
    server,
    vault: first(text, VAULT),
    resourceGroup: first(text, RESOURCE_GROUP),
    item: clean(item?.[1]),
    jobId: first(text, JOB_ID),
    operation: operationOf(text),
    backupType: backupTypeOf(text),
    time: first(text, TIME),
    secondary: /\b(?:secondary (?:replica|node)|on (?:the )?secondary|OnSecondaryNode)\b/i.test(text) || undefined,
  };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}

export function hasDetails(d: PasteDetails): boolean {
  return Object.keys(d).length > 0;
}
