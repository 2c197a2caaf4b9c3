import type { EvalCase } from '../eval/load-corpus.ts';

/** Deterministic so that two engines (and two runs) see the same texts. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** A long paste: quiet corpus texts (chat, other tools' logs, SQL errorlogs) with one failure near the end. */
export interface Paste {
  readonly text: string;
  readonly expect: string;
}

/**
 * Fills `size` characters with realistic filler and ends the needle about 95% of the way in, as
 * happens when someone pastes a whole log whose last screen holds the failure. Filler is cut to
 * fit, so the needle is always inside the paste whatever the size of the filler pieces.
 */
export function buildPaste(filler: readonly string[], needle: EvalCase, size: number, seed: number): Paste {
  const next = rng(seed);
  const fill = (length: number): string => {
    const parts: string[] = [];
    let used = 0;
    while (used < length) {
      const piece = filler[Math.floor(next() * filler.length)] ?? '';
      parts.push(piece);
      used += piece.length + 2;
    }
    return parts.join('\n\n').slice(0, Math.max(0, length));
  };
  const head = fill(Math.floor(size * 0.95) - needle.text.length - 2);
  const body = `${head}\n\n${needle.text}\n\n`;
  return { text: body + fill(size - body.length), expect: needle.expect[0] ?? '' };
}

/** Needles: single-code pastes whose shape a long log would contain. */
export function needles(cases: readonly EvalCase[]): EvalCase[] {
  return cases.filter((c) => ['portal', 'log-line', 'cli-json', 'log-analytics'].includes(c.kind) && bytes(c.text) < 4096);
}

export function filler(cases: readonly EvalCase[]): string[] {
  return cases.filter((c) => c.kind === 'quiet').map((c) => c.text);
}

export { bytes };
