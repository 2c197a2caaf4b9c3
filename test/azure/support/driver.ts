import { createInterface } from 'node:readline';
import { AzureError, type ProtectedDatabase } from '../../../bot/core/azure/port.ts';
import { createAzureActions, readAzureConfig } from '../../../bot/azure/index.ts';
import { createLogger } from '../../../bot/ops/logger.ts';

/**
 * The Azure edge in a process of its own, started with the stand-in's env() (so
 * NODE_EXTRA_CA_CERTS is read at start, as it is for the bot): one JSON command a line on
 * stdin, one JSON answer a line on stdout; the edge's log lines go to stderr.
 */
type Command = { id: number; op: string; args: unknown[] };

const config = readAzureConfig(process.env);
if (!config) throw new Error('AZURE_ACTIONS is not on');
const logger = createLogger({ level: 'debug', destination: { write: (line: string) => process.stderr.write(line) } });
const azure = createAzureActions(config, logger);

async function run(op: string, args: unknown[]): Promise<unknown> {
  const db = args[0] as ProtectedDatabase;
  switch (op) {
    case 'recentJobs':
      return azure.recentJobs(db, args[1] as number);
    case 'startFullBackup':
      return azure.startFullBackup(db, new Date(args[1] as string));
    case 'job':
      return azure.job(db, args[1] as string);
    case 'findDatabases':
      return azure.findDatabases(args[0] as string, args[1] as string);
    case 'setAlertState':
      return azure.setAlertState(args[0] as string, args[1] as 'Acknowledged' | 'Closed');
    default:
      throw new Error(`unknown op ${op}`);
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const { id, op, args } = JSON.parse(line) as Command;
  const started = Date.now();
  let answer: Record<string, unknown>;
  try {
    answer = { ok: (await run(op, args)) ?? null };
  } catch (error) {
    answer = error instanceof AzureError ? { failure: error.failure } : { escaped: String(error) };
  }
  process.stdout.write(`${JSON.stringify({ id, ms: Date.now() - started, ...answer })}\n`);
}
