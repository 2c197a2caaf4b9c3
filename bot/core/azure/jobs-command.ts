import type { CoreDeps } from '../deps.ts';
import type { Place, ReplyBody } from '../types.ts';
import { jobsBody } from './act.ts';
import { AzureError } from './port.ts';
import { failureText } from './texts.ts';

const USAGE = 'Usage: `jobs <vault> <database>`, or `jobs <vault> <instance>/<database>` when several instances have it.';

/** `jobs <vault> <database>`: the database's recent jobs, found by name through Azure. */
export async function jobsCommand(deps: CoreDeps, place: Place, arg: string): Promise<ReplyBody> {
  const azure = deps.azure!;
  const [vault, named] = arg.trim().split(/\s+/);
  if (!vault || !named) return { kind: 'notice', text: USAGE };
  const [instance, database] = named.includes('/') ? named.split('/', 2) : [null, named];
  if (!database) return { kind: 'notice', text: USAGE };
  try {
    const found = (await azure.actions.findDatabases(vault, database)).filter((db) => !instance || db.instance.toLowerCase() === instance.toLowerCase());
    const [db, ...others] = found;
    if (!db) return { kind: 'notice', text: `I found no protected SQL database named ${database} in a vault named ${vault} that the bot's identity can see.` };
    if (others.length > 0) {
      const where = found.map((d) => `${d.instance}/${d.database} on ${d.vm}`).join(', ');
      return { kind: 'notice', text: `Several databases match: ${where}. Say which with \`jobs ${vault} <instance>/${database}\`.` };
    }
    return await jobsBody(deps, place, db, await azure.actions.recentJobs(db, 10));
  } catch (error) {
    if (!(error instanceof AzureError)) throw error;
    return { kind: 'notice', text: failureText(error.failure, 'backup', `read the jobs of ${database}`) };
  }
}
