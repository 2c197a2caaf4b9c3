import { parseArgs } from 'node:util';
// Not the catalog barrel: it loads the schema library (zod), which a start from the build's
// snapshot never needs (catalog/open.ts).
import { BUILT_IN_DIR, operatorDirsFrom, type Catalog } from '../catalog/catalog.ts';
import { openCatalog } from '../catalog/open.ts';
import { createClassifier, type Classifier } from '../intents/index.ts';
import { classifyJsonl } from './classify-jsonl.ts';
import { explain } from './explain.ts';

const USAGE = `Usage: sqlbackup <command> [options]

Commands:
  classify --jsonl [--mode M]    Read JSON lines {"id", "text", "mode"} from stdin ("mode": "channel"
                                 or "direct"; default --mode, else direct) and write one line per
                                 input, in order: {"id", "trigger", "matches": [{"id", "score"}]}.
                                 A bad line is reported on stderr with its line number; the exit
                                 code is then 1.
  classify [--mode M] [<text>]   Classify one text (arguments, or stdin) and print the full result as JSON.
  explain [<text>]               Show what the bot would reply to the text (arguments, or stdin).
  help, --help                   Show this help.

Environment:
  CATALOG_DIR                    Your team's catalog folders, separated by ':' (as for the bot).

Examples:
  sqlbackup explain UserErrorSQLLSNValidationFailure
  echo '{"id":"1","text":"log chain is broken again","mode":"channel"}' | sqlbackup classify --jsonl
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function textFrom(positionals: readonly string[]): Promise<string> {
  if (positionals.length > 0) return positionals.join(' ');
  if (process.stdin.isTTY) throw new UsageError('give the text as an argument or on stdin');
  return readStdin();
}

class UsageError extends Error {}

async function build(): Promise<{ catalog: Catalog; classifier: Classifier }> {
  const operatorDirs = operatorDirsFrom(process.env['CATALOG_DIR']);
  const catalog = await openCatalog(BUILT_IN_DIR, operatorDirs);
  return { catalog, classifier: createClassifier(catalog) };
}

async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'classify') {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: { jsonl: { type: 'boolean', default: false }, mode: { type: 'string', default: 'direct' } },
    });
    if (values.mode !== 'direct' && values.mode !== 'channel') throw new UsageError('--mode must be "direct" or "channel"');
    if (values.jsonl && positionals.length > 0) throw new UsageError('--jsonl reads stdin only; give the text without --jsonl');
    const { classifier } = await build();
    if (values.jsonl) {
      const { bad } = await classifyJsonl(classifier, process.stdin, process.stdout, process.stderr, values.mode);
      if (bad > 0) process.stderr.write(`sqlbackup: ${bad} bad input line(s)\n`);
      return bad > 0 ? 1 : 0;
    }
    const result = classifier.classify(await textFrom(positionals), values.mode);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  if (command === 'explain') {
    const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
    const { catalog, classifier } = await build();
    process.stdout.write(`${explain(await textFrom(positionals), classifier, catalog)}\n`);
    return 0;
  }
  process.stderr.write(`sqlbackup: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

// `sqlbackup classify --jsonl < big | head -1`: the reader has all it wanted; stop quietly
// instead of dying with a stack trace for the unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`sqlbackup: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`sqlbackup: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
