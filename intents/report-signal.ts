import { contentWords, stem } from './words.ts';

/**
 * Does an unprompted message read like someone reporting a backup or restore failure?
 * In channel mode the bot may answer plain words only then: a DBA saying "log chain broke
 * again on sql01" wants help, a colleague musing about log chains over lunch does not.
 */

function stems(words: string): Set<string> {
  return new Set(words.split(' ').map((w) => stem(w)));
}

const TROUBLE = stems(
  'fail failed failing failure failures error errors broken broke break breaks cannot unable stuck issue issues ' +
    'problem problems full missing denied timeout timed refused crash crashed wont not never keeps still again ' +
    'blocked throttled unreachable unhealthy warning alert aborted cancelled canceled stopped down hangs hung gone ' +
    'lost wrong complains invalid incompatible expired exceeded limit rejected conflict conflicting',
);

const DOMAIN = stems(
  'backup backups restore restoring log logs sql database databases db dbs vault azure job jobs recovery extension ' +
    'agent vm server instance sysadmin lsn chain replica ag availability transaction policy protection mssql master ' +
    'msdb tempdb certificate tde snapshot plugin workload',
);

// What a question must be about for the bot to answer it unprompted: Azure Backup itself,
// not SQL Server in general ("why is the log so big?" is a DBA question, not ours).
const BACKUP = stems(
  'backup backups restore restoring restored vault protect protected protection register registered registration ' +
    'reregister extension plugin azurewlbackuppluginsvc recovery point',
);

/** A word (stemmed) that belongs to SQL Server or Azure Backup talk. */
export function isDomainStem(s: string): boolean {
  return DOMAIN.has(s) || BACKUP.has(s) || TROUBLE.has(s);
}

export interface ReportSignal {
  readonly trouble: boolean;
  readonly domain: boolean;
  /** Names backup, restore, the vault or the backup extension. */
  readonly backup: boolean;
  /** Asks something: a question mark, or opens the way questions do ("how do I ..."). */
  readonly asks: boolean;
}

const ASKING = /^\W*(?:how|what|why|where|which|when|can|could|do|does|did|is|are|should|shall|will|would|any ?one know|any idea)\b/i;

export function reportSignal(text: string): ReportSignal {
  let trouble = false;
  let domain = false;
  let backup = false;
  for (const w of contentWords(text, 120)) {
    const s = stem(w);
    if (TROUBLE.has(s) || TROUBLE.has(w)) trouble = true;
    if (DOMAIN.has(s) || DOMAIN.has(w)) domain = true;
    if (BACKUP.has(s) || BACKUP.has(w)) backup = true;
    if (trouble && domain && backup) break;
  }
  return { trouble, domain, backup, asks: text.includes('?') || ASKING.test(text) };
}
