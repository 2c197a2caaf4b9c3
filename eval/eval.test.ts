import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../catalog/index.ts';
import { evaluate, formatFailure, type Failure, type Metrics, type Problem, type Rate } from './evaluate.ts';
import { CorpusError, KINDS, loadCorpus, type EvalCase } from './load-corpus.ts';

// Floors hold on the `test` split; the classifier's author may tune on `tune`. The
// `holdout` split was written later by someone who saw neither the classifier nor the other
// cases, and nobody tunes on it: its floors are the honest ones, a little lower because its
// questions are harder and it has no multi-code pastes.
const FLOORS = { top1: 0.95, top3: 0.98, falseTrigger: 0.02, multiRecall: 0.95 };
const HOLDOUT_FLOORS = { top1: 0.95, top3: 0.96, falseTrigger: 0.02 };

const catalog: Catalog = loadCatalog();
const corpus: EvalCase[] = loadCorpus(catalog);

describe('corpus sanity', () => {
  it('has at least 450 cases and 120 quiet ones', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(450);
    expect(corpus.filter((c) => c.kind === 'quiet').length).toBeGreaterThanOrEqual(120);
  });

  it('covers every catalog entry with at least 5 cases', () => {
    const thin = catalog.entries
      .map((e) => ({ id: e.id, n: corpus.filter((c) => c.expect.includes(e.id)).length }))
      .filter(({ n }) => n < 5)
      .map(({ id, n }) => `${id}: ${n}`);
    expect(thin, `entries with fewer than 5 cases:\n${thin.join('\n')}`).toEqual([]);
  });

  it('keeps roughly 30% of every kind for tuning and the rest for testing', () => {
    // Per kind, not overall: a kind kept wholly for tuning would leave its floors unmeasured.
    const off = KINDS.flatMap((kind) => {
      const of = corpus.filter((c) => c.kind === kind);
      const tune = of.filter((c) => c.split === 'tune').length / of.length;
      return of.length > 0 && (tune <= 0.25 || tune >= 0.35) ? [`${kind}: ${(tune * 100).toFixed(0)}% tune`] : [];
    });
    expect(off).toEqual([]);
  });

  it('reports a bad line with its file and line number, and unknown entry ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    const good = { id: 'ok-1', text: 'Log chain is broken.', expect: ['UserErrorSQLLSNValidationFailure'], kind: 'message-only', split: 'test' };
    const lines = [JSON.stringify(good), '{not json', JSON.stringify({ ...good, id: 'ok-2', expect: ['UserErrorNoSuchThing'] })];
    writeFileSync(join(dir, 'bad.jsonl'), lines.join('\n'));
    const error = (() => {
      try {
        loadCorpus(catalog, dir);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CorpusError);
    const problems = (error as CorpusError).problems;
    expect(problems.some((p) => p.startsWith('bad.jsonl:2:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('bad.jsonl:3') && p.includes('UserErrorNoSuchThing'))).toBe(true);
  });
});

function holdsFloors(split: 'test' | 'holdout', floors: { top1: number; top3: number; falseTrigger: number; multiRecall?: number }): void {
  describe(`classifier on the ${split} split`, () => {
    let metrics: Metrics;

    beforeAll(async () => {
      process.env.DOTENV_CONFIG_QUIET = 'true';
      const { createClassifier } = await import('../intents/index.ts');
      const cases = split === 'test' ? corpus : loadCorpus(catalog, undefined, ['holdout']);
      metrics = evaluate(createClassifier(catalog), cases.filter((c) => c.split === split));
    });

    const failing = (problem: Problem): string => {
      const list: Failure[] = metrics.failures.filter((f) => f.problems.includes(problem));
      return `${list.length} case(s) with ${problem}:\n${list.map(formatFailure).join('\n')}`;
    };
    const value = (r: Rate): number => {
      expect(r.n, 'no eligible cases').toBeGreaterThan(0);
      return r.rate ?? Number.NaN;
    };

    it(`ranks the right entry first for ≥ ${floors.top1 * 100}% of cases that name one`, () => {
      expect(value(metrics.bySplit[split].top1), failing('top1')).toBeGreaterThanOrEqual(floors.top1);
    });

    it(`has the right entry in the top 3 for ≥ ${floors.top3 * 100}%`, () => {
      expect(value(metrics.bySplit[split].top3), failing('top3')).toBeGreaterThanOrEqual(floors.top3);
    });

    it(`speaks up in a channel on ≤ ${floors.falseTrigger * 100}% of quiet, unknown-code and SAP HANA messages`, () => {
      expect(value(metrics.bySplit[split].falseTrigger), failing('false-trigger')).toBeLessThanOrEqual(floors.falseTrigger);
    });

    const { multiRecall } = floors;
    if (multiRecall !== undefined) {
      it(`finds every code of a multi-code paste in ≥ ${multiRecall * 100}% of them`, () => {
        expect(value(metrics.bySplit[split].multiRecall), failing('recall')).toBeGreaterThanOrEqual(multiRecall);
      });
    }

    it('recognises every SAP HANA code as foreign', () => {
      expect(value(metrics.bySplit[split].foreignRecognised), failing('foreign')).toBe(1);
    });
  });
}

holdsFloors('test', FLOORS);
holdsFloors('holdout', HOLDOUT_FLOORS);
