/**
 * `npm run bench [-- --json]`: speed of the classifier beside a plain full-text search baseline,
 * and how fast the compiled bot and CLI start (bench/process-start.ts).
 * Aims are shown, not asserted: timings on a shared machine are too noisy to fail a build on.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuild } from '../scripts/ensure-build.ts';
import { median } from './measure.ts';
import { measureProcessStart, type ProcessStart } from './process-start.ts';
import { measureThreadTurns, type ThreadTurns } from './thread-turns.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' } } });
const WORKER = fileURLToPath(new URL('./bench-worker.ts', import.meta.url));
const ENGINES = ['classifier', 'baseline'] as const;
type EngineName = (typeof ENGINES)[number];

interface Cold { importMs: number; loadMs: number; buildMs: number; coldMs: number; firstClassifyMs: number; sinceProcessStartMs: number }
interface Full {
  cold: Cold;
  small: { n: number; p50: number; p99: number; max: number };
  paste40: { n: number; p50: number; p99: number; top1: number };
  perSecond: number;
  linearity: { kb: number; ms: number; truncated: boolean; codeFirst: boolean }[];
  accuracy: { top1: number | null; top1Test: number | null; top3: number | null; falseTrigger: number | null };
  peakRssMb: number;
}

function worker<T>(engine: EngineName, phase: 'cold' | 'full'): T {
  const run = spawnSync(process.execPath, ['--import', 'tsx', WORKER, engine, phase], {
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    throw new Error(`bench worker ${engine} ${phase} failed (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  }
  return JSON.parse(last) as T;
}


const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('--runs takes a whole number of cold starts, 1 or more\n');
  process.exit(2);
}
// Cold start: alternate engines so that neither always gets the warmer file cache.
const colds: Record<EngineName, Cold[]> = { classifier: [], baseline: [] };
for (let i = 0; i < runs; i++) for (const e of ENGINES) colds[e].push(worker<{ cold: Cold }>(e, 'cold').cold);
const coldMedian = (e: EngineName) => {
  const keys = Object.keys(colds[e][0]!) as (keyof Cold)[];
  return Object.fromEntries(keys.map((k) => [k, median(colds[e].map((c) => c[k]))])) as unknown as Cold;
};
const result = Object.fromEntries(
  ENGINES.map((e) => [e, { ...worker<Full>(e, 'full'), cold: coldMedian(e), coldRuns: runs }]),
) as Record<EngineName, Full & { coldRuns: number }>;

// What `npm start` and bin/sqlbackup run: the build, current with the sources.
ensureBuild();
const start = await measureProcessStart(runs);
const turns = await measureThreadTurns();

if (values.json) {
  console.log(JSON.stringify({ ...result, processStart: start, threadTurns: turns }, null, 2));
} else {
  printTable(result.classifier, result.baseline);
  printStart(start);
  printTurns(turns);
}

function printTurns(t: ThreadTurns): void {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  console.log(`\nA question in the bot's thread, through core handle() with the memory store (${t.turns} turns over every entry):`);
  console.log(`  p50 ${ms(t.p50)}   p99 ${ms(t.p99)} ${t.p99 < 20 ? 'ok ' : 'MISS'} < 20 ms   max ${ms(t.max)}`);
}

function printStart(p: ProcessStart): void {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const aim = (ok: boolean, text: string) => `${ok ? 'ok ' : 'MISS'} ${text}`;
  console.log(`\nProcess start, compiled JavaScript, whole processes (median of ${p.runs}):`);
  console.log(`  node -e 0                                        ${ms(p.nodeMs)}`);
  console.log(`  sqlbackup explain <one short code>               ${ms(p.explainMs)}  = ${p.explainRatio.toFixed(1)}× node  ${aim(p.explainRatio <= 5, '<= 5×')}`);
  console.log(`  bot: spawn to first /readyz 200                  ${ms(p.readyMs)}  ${aim(p.readyMs < 1000, '< 1000 ms')}`);
}

function printTable(c: Full, b: Full): void {
  const ms = (n: number) => (n < 10 ? `${n.toFixed(3)} ms` : `${n.toFixed(1)} ms`);
  const pct = (n: number | null) => (n === null ? '–' : `${(n * 100).toFixed(1)}%`);
  const ratio = (x: number, y: number) => (y > 0 ? `${(x / y).toFixed(1)}×` : '–');
  const aim = (ok: boolean, text: string) => `${ok ? 'ok ' : 'MISS'} ${text}`;
  const rows: string[][] = [
    ['metric', 'classifier', 'baseline', 'classifier advantage', 'aim (classifier)'],
    [`cold start: import+load+build (median of ${runs})`, ms(c.cold.coldMs), ms(b.cold.coldMs), ratio(b.cold.coldMs, c.cold.coldMs), aim(c.cold.coldMs < 500, '< 500 ms')],
    ['  import modules', ms(c.cold.importMs), ms(b.cold.importMs), ratio(b.cold.importMs, c.cold.importMs), ''],
    ['  load catalog', ms(c.cold.loadMs), ms(b.cold.loadMs), ratio(b.cold.loadMs, c.cold.loadMs), ''],
    ['  build index/model', ms(c.cold.buildMs), ms(b.cold.buildMs), ratio(b.cold.buildMs, c.cold.buildMs), ''],
    ['  process start to ready (node+tsx)', ms(c.cold.sinceProcessStartMs), ms(b.cold.sinceProcessStartMs), ratio(b.cold.sinceProcessStartMs, c.cold.sinceProcessStartMs), ''],
    ['  first classify', ms(c.cold.firstClassifyMs), ms(b.cold.firstClassifyMs), ratio(b.cold.firstClassifyMs, c.cold.firstClassifyMs), ''],
    [`latency < 4 KB p50 (${c.small.n} calls)`, ms(c.small.p50), ms(b.small.p50), ratio(b.small.p50, c.small.p50), ''],
    ['latency < 4 KB p99', ms(c.small.p99), ms(b.small.p99), ratio(b.small.p99, c.small.p99), aim(c.small.p99 < 2, '< 2 ms')],
    ['latency < 4 KB max', ms(c.small.max), ms(b.small.max), ratio(b.small.max, c.small.max), ''],
    [`40 KB paste p50 (${c.paste40.n} calls)`, ms(c.paste40.p50), ms(b.paste40.p50), ratio(b.paste40.p50, c.paste40.p50), ''],
    ['40 KB paste p99', ms(c.paste40.p99), ms(b.paste40.p99), ratio(b.paste40.p99, c.paste40.p99), aim(c.paste40.p99 < 20, '< 20 ms')],
    ['40 KB paste: buried code ranked first', pct(c.paste40.top1), pct(b.paste40.top1), '', ''],
    ['throughput, one core (classify/s, < 4 KB)', c.perSecond.toFixed(0), b.perSecond.toFixed(0), ratio(c.perSecond, b.perSecond), ''],
  ];
  const base = (l: Full) => l.linearity[0]?.ms ?? Number.NaN;
  for (const [i, lc] of c.linearity.entries()) {
    const lb = b.linearity[i]!;
    const note = (l: Full['linearity'][number], all: Full) => `${ms(l.ms)} ×${(l.ms / base(all)).toFixed(1)}${l.truncated ? ' cut' : ''}${l.codeFirst ? '' : ' code missed'}`;
    rows.push([`cost at ${lc.kb} KB (× of 10 KB; ideal ×${lc.kb / 10})`, note(lc, c), note(lb, b), ratio(lb.ms, lc.ms), '']);
  }
  rows.push(['peak RSS (whole worker process)', `${c.peakRssMb.toFixed(0)} MB`, `${b.peakRssMb.toFixed(0)} MB`, ratio(b.peakRssMb, c.peakRssMb), '']);
  rows.push(['corpus top-1, all / test split', `${pct(c.accuracy.top1)} / ${pct(c.accuracy.top1Test)}`, `${pct(b.accuracy.top1)} / ${pct(b.accuracy.top1Test)}`, '', '']);
  rows.push(['corpus top-3', pct(c.accuracy.top3), pct(b.accuracy.top3), '', '']);
  rows.push(['false triggers (quiet/unknown/hana)', pct(c.accuracy.falseTrigger), pct(b.accuracy.falseTrigger), '', '']);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(lines.join('\n'));
  console.log('\nclassifier advantage: how many times faster (or smaller) the classifier is; below 1× the baseline wins.');
  console.log('"cut": the paste was longer than the classifier reads in full (start and end read, the middle only searched for codes); "code missed": the buried code was not ranked first.');
}
