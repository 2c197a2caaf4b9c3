/**
 * `npm run bench:memory [-- --messages N --json]`: resident memory after N messages (default a
 * million) from distinct users in distinct channels, through the core with the in-memory
 * store, as a single replica without Redis runs. Every fourth message names an error (and is
 * answered: dedupe, rate, thread and usage keys); the rest are chatter the bot ignores.
 * Aim: under 300 MB. The store's bound (MEMORY_STORE_MAX_KEYS) is what keeps it there.
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/index.ts';
import { createClassifier } from '../intents/index.ts';
import { DEFAULT_LIMITS } from '../bot/core/deps.ts';
import { handle } from '../bot/core/handle.ts';
import { silentLogger } from '../bot/ops/logger.ts';
import { createMemoryStore } from '../bot/store/memory.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '1000000' }, json: { type: 'boolean', default: false }, 'max-keys': { type: 'string' } } });
const total = Number(values.messages);
if (!Number.isInteger(total) || total < 1) {
  process.stderr.write('--messages takes a whole number, 1 or more\n');
  process.exit(2);
}
const maxKeysText = values['max-keys'] ?? process.env['MEMORY_STORE_MAX_KEYS'];
const maxKeys = maxKeysText === undefined ? undefined : Number(maxKeysText);

const catalog = loadCatalog();
const store = createMemoryStore(maxKeys === undefined ? {} : { maxKeys });
const deps = { catalog, classifier: createClassifier(catalog), store, clock: Date.now, limits: DEFAULT_LIMITS, logger: silentLogger() };
const PASTE = 'UserErrorSQLLSNValidationFailure: Log chain is broken.';
const CHATTER = 'morning all, the deploy went fine';

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const started = performance.now();
const rssAfterStart = process.memoryUsage().rss;
let answered = 0;
let peakRss = rssAfterStart;
for (let i = 0; i < total; i++) {
  const answer = i % 4 === 0;
  const reply = await handle(
    {
      type: 'message',
      id: `Ev${i}`,
      user: `U${i}`,
      place: { platform: 'slack', team: 'T1', channel: `C${i}`, thread: `${1_700_000_000 + i}.000100`, space: 'channel' },
      text: answer ? PASTE : CHATTER,
      addressed: answer,
    },
    deps,
  );
  if (reply) answered++;
  if (i % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!values.json && (i + 1) % 100_000 === 0) process.stderr.write(`${i + 1} messages, RSS ${mb(process.memoryUsage().rss)} MB, ${store.size()} keys\n`);
}
// With --expose-gc (as npm run bench:memory runs it) the figure is what stays, not garbage V8 has not collected yet.
globalThis.gc?.();
const result = {
  messages: total,
  answered,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  storeKeys: store.size(),
  rssAtStartMb: mb(rssAfterStart),
  rssMb: mb(process.memoryUsage().rss),
  peakRssMb: mb(peakRss),
  aimMb: 300,
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(
    `${result.messages} messages (${result.answered} answered) in ${result.seconds} s: RSS ${result.rssMb} MB after them (aim under ${result.aimMb} MB; ` +
      `${result.rssAtStartMb} MB before the first, ${result.peakRssMb} MB at the highest before garbage collection), ${result.storeKeys} keys in the store`,
  );
}
