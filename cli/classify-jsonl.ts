import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Classifier, Mode } from '../intents/index.ts';

/**
 * `classify --jsonl`: one JSON object in, one out, in order, streamed. A bad line is reported
 * on stderr with its number and skipped; the caller learns about it from the return value.
 */

export interface JsonlResult {
  readonly answered: number;
  readonly bad: number;
}

interface Request {
  readonly id: string;
  readonly text: string;
  readonly mode: Mode;
}

function parseLine(line: string, defaultMode: Mode): Request | string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'expected a JSON object';
  const { id, text, mode } = raw as Record<string, unknown>;
  if (typeof text !== 'string') return 'missing "text" (a string)';
  if (mode !== undefined && mode !== 'channel' && mode !== 'direct') return '"mode" must be "channel" or "direct"';
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or a number';
  return { id: id === undefined ? '' : String(id), text, mode: mode ?? defaultMode };
}

function write(out: Writable, line: string): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(line)) resolve();
    else out.once('drain', () => resolve());
  });
}

/** `defaultMode` is the mode of a line that gives none (`--mode`). */
export async function classifyJsonl(
  classifier: Classifier,
  input: Readable,
  out: Writable,
  err: Writable,
  defaultMode: Mode = 'direct',
): Promise<JsonlResult> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  let answered = 0;
  let bad = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    const request = parseLine(line, defaultMode);
    if (typeof request === 'string') {
      bad++;
      err.write(`sqlbackup: line ${number}: ${request}\n`);
      continue;
    }
    const result = classifier.classify(request.text, request.mode);
    const matches = result.matches.map((m) => ({ id: m.id, score: m.score }));
    await write(out, `${JSON.stringify({ id: request.id, trigger: result.trigger, matches })}\n`);
    answered++;
  }
  return { answered, bad };
}
