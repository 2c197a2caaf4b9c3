/**
 * `npm run eval [-- --json] [-- --split tune|test|holdout|holdout2]`: accuracy of the classifier on the labelled corpus
 * (tune and test unless --split names one; holdout is read only when named).
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/index.ts';
import { evaluate, formatFailure, type Metrics, type Rate, type Summary } from './evaluate.ts';
import { coreFor, directAnswers, evaluateDialogues, loadDialogues, type DialogueFigures } from './dialogues.ts';
import { DEFAULT_SPLITS, KINDS, loadCorpus, SPLITS, type Split } from './load-corpus.ts';

// `natural` prints a dotenv tip on stdout when imported; --json output must stay parseable.
process.env.DOTENV_CONFIG_QUIET = 'true';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, split: { type: 'string' }, failures: { type: 'string', default: '20' } },
});
const split = values.split as Split | undefined;
if (split !== undefined && !SPLITS.includes(split)) {
  console.error(`--split must be one of ${SPLITS.join(', ')}`);
  process.exit(2);
}
const limit = Number(values.failures);
if (!Number.isInteger(limit) || limit < 0) {
  console.error('--failures takes how many failing cases to list: 0 or more');
  process.exit(2);
}

const { createClassifier } = await import('../intents/index.ts');
const catalog = loadCatalog();
const cases = loadCorpus(catalog, undefined, split ? [split] : DEFAULT_SPLITS);
const metrics = evaluate(createClassifier(catalog), cases);


const splits = split ? [split] : DEFAULT_SPLITS;
const classifier = createClassifier(catalog);
const makeDeps = coreFor(catalog, classifier);
const dialogues = await evaluateDialogues(loadDialogues(catalog, splits), makeDeps);
const direct = directAnswers(cases, makeDeps());

if (values.json) {
  console.log(JSON.stringify({ ...metrics, dialogues, direct }, null, 2));
} else {
  print(metrics);
  printDialogues(dialogues, direct);
}

function printDialogues(d: DialogueFigures, q: { n: number; hits: number; asked: number }): void {
  const rate = (hits: number, n: number): string => (n === 0 ? '–' : `${((hits / n) * 100).toFixed(1)}% (${hits}/${n})`);
  const out = [
    '',
    `Follow-up dialogues: ${d.dialogues} dialogues, ${d.turns} turns`,
    `  turns after the first answered right ${rate(d.followUps.hits, d.followUps.n)}   first turns right ${rate(d.firstTurns.hits, d.firstTurns.n)}`,
    `  questions met with silence ${d.silentQuestions}   replies about the wrong entry ${d.wrongEntry}`,
    `Direct-mode plain-words questions answered with the right entry ${rate(q.hits, q.n)}   asked back ("did you mean") ${q.asked}`,
    `${d.failures.length} turns wrong; first ${Math.min(limit, d.failures.length)}:`,
    ...d.failures.slice(0, limit).map((f) => `  ${f.dialogue}#${f.turn} [${f.expect.kind}] "${f.say.slice(0, 70).replace(/\s+/g, ' ')}": ${f.why}`),
  ];
  console.log(out.join('\n'));
}

function pct(r: Rate): string {
  return r.rate === null ? '–' : `${(r.rate * 100).toFixed(1)}%`;
}
function cell(r: Rate): string {
  return r.rate === null ? '–' : `${pct(r)} (${r.hits}/${r.n})`;
}

function kindTable(s: Summary): string[] {
  const rows = [['kind', 'n', 'top-1', 'top-3', 'channel trigger', 'false trigger']];
  for (const kind of KINDS) {
    const k = s.byKind[kind];
    if (!k) continue;
    rows.push([kind, String(k.n), pct(k.top1), pct(k.top3), pct(k.channelTrigger), k.falseTrigger.n ? cell(k.falseTrigger) : '–']);
  }
  rows.push(['TOTAL', String(s.cases), pct(s.top1), pct(s.top3), pct(s.channelTrigger), cell(s.falseTrigger)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r, ri) => {
    const line = r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
    return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  });
}

function totals(label: string, s: Summary): string[] {
  return [
    `${label} (${s.cases} cases)`,
    `  top-1 ${cell(s.top1)}   top-3 ${cell(s.top3)}`,
    `  channel trigger on named ${cell(s.channelTrigger)}   wrong entry when triggered ${cell(s.wrongTrigger)}`,
    `  multi-code recall ${cell(s.multiRecall)}   in order ${cell(s.multiOrder)}`,
    `  false triggers ${cell(s.falseTrigger)}   unknown codes detected ${cell(s.unknownDetected)}   SAP HANA recognised ${cell(s.foreignRecognised)}`,
  ];
}

function print(m: Metrics): void {
  const out: string[] = [];
  out.push(`Classifier accuracy on ${m.overall.cases} corpus cases${split ? ` (split ${split})` : ''}`, '');
  out.push(...kindTable(m.overall), '');
  for (const s of SPLITS) if (m.bySplit[s].cases > 0) out.push(...totals(`split ${s}`, m.bySplit[s]), '');
  if (!split) out.push(...totals('overall', m.overall), '');
  const serious = m.failures.filter((f) => f.problems.some((p) => p !== 'no-trigger' && p !== 'order'));
  out.push(`${m.failures.length} cases with a problem (${serious.length} beyond a missed channel trigger); first ${Math.min(limit, m.failures.length)}:`);
  for (const f of m.failures.slice(0, limit)) out.push(`  ${formatFailure(f)}`);
  console.log(out.join('\n'));
}
