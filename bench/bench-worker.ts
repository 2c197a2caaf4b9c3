/**
 * One engine, one fresh process: `bench-worker.ts <classifier|baseline> <cold|full>`.
 * Prints one JSON line. Separate processes keep cold start and peak RSS honest per engine.
 */
import type { Mode, Classification } from '../intents/types.ts';

type Engine = { classify(text: string, mode: Mode): Classification };
const [engineName, phase] = process.argv.slice(2);
if ((engineName !== 'classifier' && engineName !== 'baseline') || (phase !== 'cold' && phase !== 'full')) {
  console.error('usage: bench-worker.ts <classifier|baseline> <cold|full>');
  process.exit(2);
}

// Everything below is imported lazily so that its cost lands inside the cold-start figure.
const t0 = performance.now();
const { loadCatalog } = await import('../catalog/index.ts');
const build: (c: ReturnType<typeof loadCatalog>) => Engine =
  engineName === 'classifier' ? (await import('../intents/index.ts')).createClassifier : (await import('./baseline.ts')).createBaseline;
const t1 = performance.now();
const catalog = loadCatalog();
const t2 = performance.now();
const engine = build(catalog);
const t3 = performance.now();
engine.classify('Error Code : UserErrorSQLLSNValidationFailure Error Message : Log chain is broken.', 'channel');
const t4 = performance.now();
const cold = { importMs: t1 - t0, loadMs: t2 - t1, buildMs: t3 - t2, coldMs: t3 - t0, firstClassifyMs: t4 - t3, sinceProcessStartMs: t3 };

if (phase === 'cold') {
  console.log(JSON.stringify({ engine: engineName, cold }));
  process.exit(0);
}

const { loadCorpus } = await import('../eval/load-corpus.ts');
const { evaluate } = await import('../eval/evaluate.ts');
const { buildPaste, bytes, filler, needles } = await import('./pastes.ts');
const { median, percentile, sample, throughput, timeMs } = await import('./measure.ts');

const corpus = loadCorpus(catalog);
const small = corpus.map((c) => c.text).filter((t) => bytes(t) < 4096);
const fill = filler(corpus);
const pins = needles(corpus);
const channel = (text: string) => engine.classify(text, 'channel');

// Latency below 4 KB: one warm-up pass, then five timed passes over every corpus text.
for (const t of small) channel(t);
const smallMs: number[] = [];
for (let pass = 0; pass < 5; pass++) for (const t of small) smallMs.push(timeMs(() => channel(t)));

// 40 KB pastes: twenty different ones, each timed five times; also: is the buried code still first?
const pastes40 = Array.from({ length: 20 }, (_, i) => buildPaste(fill, pins[(i * 7) % pins.length]!, 40 * 1024, i + 1));
const pasteMs: number[] = [];
let pasteTop1 = 0;
for (const p of pastes40) {
  channel(p.text);
  for (let k = 0; k < 5; k++) pasteMs.push(timeMs(() => channel(p.text)));
  if (engine.classify(p.text, 'direct').matches[0]?.id === p.expect) pasteTop1 += 1;
}

const perSecond = throughput(small, channel, 2000);

// Cost linearity: the same kind of paste at growing sizes; ideal ratios are 4, 16, 64.
const linearity = [10, 40, 160, 640].map((kb) => {
  const p = buildPaste(fill, pins[3 % pins.length]!, kb * 1024, 99);
  channel(p.text);
  const ms = median(sample(() => channel(p.text), kb <= 40 ? 15 : 5, 3000));
  const r = engine.classify(p.text, 'direct');
  return { kb, ms, truncated: r.truncated, codeFirst: r.matches[0]?.id === p.expect };
});

const metrics = evaluate(engine, corpus);
const rssMb = (process.resourceUsage().maxRSS * 1024) / (1024 * 1024);

console.log(
  JSON.stringify({
    engine: engineName,
    cold,
    small: { n: smallMs.length, p50: percentile(smallMs, 0.5), p99: percentile(smallMs, 0.99), max: Math.max(...smallMs) },
    paste40: { n: pasteMs.length, p50: percentile(pasteMs, 0.5), p99: percentile(pasteMs, 0.99), top1: pasteTop1 / pastes40.length },
    perSecond,
    linearity,
    accuracy: {
      top1: metrics.overall.top1.rate,
      top1Test: metrics.bySplit.test.top1.rate,
      top3: metrics.overall.top3.rate,
      falseTrigger: metrics.overall.falseTrigger.rate,
    },
    peakRssMb: rssMb,
  }),
);
