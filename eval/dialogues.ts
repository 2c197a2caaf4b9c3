import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Catalog } from '../catalog/index.ts';
import { renderReplyText } from '../bot/cards/plain-text.ts';
import { DEFAULT_LIMITS, type CoreDeps } from '../bot/core/deps.ts';
import { answerFor } from '../bot/core/answer.ts';
import { handle } from '../bot/core/handle.ts';
import type { Incoming, Place, Reply } from '../bot/core/types.ts';
import { silentLogger } from '../bot/ops/logger.ts';
import { createMemoryStore } from '../bot/store/memory.ts';
import type { Classifier } from '../intents/index.ts';
import { SPLITS, type Split } from './load-corpus.ts';

/**
 * Follow-up dialogues: a first message, then turns in the bot's thread, each labelled with
 * what a right answer is. Run through the real core (`handle`) with an in-memory store, and
 * judged on the reply a user would see, rendered as text.
 */

export const DIALOGUE_DIR = fileURLToPath(new URL('./dialogues/', import.meta.url));

const DETAIL_KEYS = ['database', 'instance', 'server', 'vault', 'backupType', 'operation', 'jobId'] as const;

const expectSchema = z.strictObject({
  kind: z.enum(['new', 'unknown-code', 'answer', 'reject', 'ack', 'offtopic']),
  entry: z.string().optional(),
  mentions: z.array(z.array(z.string().min(1)).min(1)).optional(),
  notMentions: z.array(z.string().min(1)).optional(),
  lang: z.enum(['sql', 'powershell', 'bash', 'cmd']).optional(),
  offer: z.array(z.string()).optional(),
  notOffer: z.array(z.string()).optional(),
  details: z.partialRecord(z.enum(DETAIL_KEYS), z.string()).optional(),
});
const dialogueSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  split: z.enum(SPLITS),
  where: z.enum(['channel', 'dm', 'mention']),
  turns: z.array(z.strictObject({ say: z.string().min(1), expect: expectSchema })).min(2),
});
export type Dialogue = z.infer<typeof dialogueSchema>;
type Expect = z.infer<typeof expectSchema>;

export function loadDialogues(catalog: Catalog, splits: readonly Split[], dir = DIALOGUE_DIR): Dialogue[] {
  const out: Dialogue[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      let parsed;
      try {
        parsed = dialogueSchema.safeParse(JSON.parse(line));
      } catch {
        return void problems.push(`${where}: not JSON`);
      }
      if (!parsed.success) return void problems.push(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      const ids = parsed.data.turns.flatMap((t) => [t.expect.entry, ...(t.expect.offer ?? []), ...(t.expect.notOffer ?? [])]);
      for (const id of ids) if (id !== undefined && !catalog.get(id)) problems.push(`${where}: no catalog entry "${id}"`);
      const first = parsed.data.turns[0]!.expect.kind;
      if (first !== 'new' && first !== 'unknown-code') problems.push(`${where}: the first turn must be new or unknown-code`);
      if (splits.includes(parsed.data.split)) out.push(parsed.data);
    });
  }
  if (problems.length > 0) throw new Error(`dialogue corpus:\n${problems.join('\n')}`);
  return out;
}

export interface TurnResult {
  readonly dialogue: string;
  readonly turn: number;
  readonly say: string;
  readonly expect: Expect;
  readonly ok: boolean;
  /** A question (anything but an acknowledgement) in the bot's own thread or DM met with no reply at all. */
  readonly silent: boolean;
  /** The reply was about another entry than the thread's. */
  readonly wrongEntry: boolean;
  readonly why: string;
  readonly got: string;
}

function placeOf(d: Dialogue): Place {
  const dm = d.where === 'dm';
  return { platform: 'slack', team: 'T1', channel: `${dm ? 'D' : 'C'}-${d.id}`, thread: dm ? null : '100.1', space: dm ? 'dm' : 'channel' };
}

function entryOf(reply: Reply | null): string | undefined {
  if (!reply) return undefined;
  const b = reply.body;
  if (b.kind === 'entries') return b.entries[0]?.id;
  if (b.kind === 'follow-up') return b.entry.id;
  return undefined;
}

function checkText(e: Expect, reply: Reply, text: string): string | null {
  const lower = text.toLowerCase();
  for (const group of e.mentions ?? []) if (!group.some((m) => lower.includes(m.toLowerCase()))) return `missing ${group.join(' | ')}`;
  for (const m of e.notMentions ?? []) if (lower.includes(m.toLowerCase())) return `must not say ${m}`;
  if (e.lang && !text.includes(`[${e.lang}]`)) return `no ${e.lang} code`;
  if (e.details && reply.body.kind === 'entries') {
    const got: Readonly<Record<string, string | boolean | undefined>> = { ...reply.body.details };
    for (const [k, v] of Object.entries(e.details)) {
      const value = got[k];
      if (typeof value !== 'string' || value.toLowerCase() !== v.toLowerCase()) return `details.${k}: want ${v}, got ${String(value)}`;
    }
  }
  return null;
}

/** Whether the reply is right for the turn, and if not, why. */
function judge(e: Expect, current: string | undefined, reply: Reply | null): { ok: boolean; why: string } {
  const text = reply ? renderReplyText(reply) : '';
  const kind = reply?.body.kind;
  const about = entryOf(reply);
  const fail = (why: string) => ({ ok: false, why });
  switch (e.kind) {
    case 'new':
      if (kind !== 'entries') return fail(`want the card for ${e.entry}, got ${kind ?? 'silence'}`);
      if (about !== e.entry) return fail(`want ${e.entry}, got ${about}`);
      break;
    case 'unknown-code':
      // Another product's code (SAP HANA) is not in the catalog either; saying whose it is says more.
      if (kind !== 'unknown-code' && kind !== 'foreign') return fail(`want unknown-code, got ${kind ?? 'silence'}`);
      break;
    case 'answer': {
      const want = e.entry ?? current;
      if (kind !== 'follow-up') return fail(`want a follow-up, got ${kind ?? 'silence'}${about ? ` ${about}` : ''}`);
      if (about !== want) return fail(`want ${want}, got ${about}`);
      break;
    }
    case 'reject': {
      if (kind !== 'did-you-mean' || reply?.body.kind !== 'did-you-mean') return fail(`want candidates, got ${kind ?? 'silence'}`);
      const ids = reply.body.candidates.map((c) => c.id);
      if (ids.length === 0 || ids.includes(current ?? '')) return fail('no other candidates');
      if (e.offer && !e.offer.some((id) => ids.slice(0, 3).includes(id))) return fail(`want one of ${e.offer.join(', ')} in ${ids.join(', ')}`);
      if (e.notOffer?.some((id) => ids.includes(id))) return fail(`offered a ruled-out entry: ${ids.join(', ')}`);
      break;
    }
    case 'ack':
      if (kind === 'entries' || kind === 'follow-up' || kind === 'did-you-mean') return fail(`want quiet, got ${kind}`);
      break;
    case 'offtopic':
      if (kind !== 'notice') return fail(`want one line, got ${kind ?? 'silence'}`);
      break;
  }
  const wrongText = reply ? checkText(e, reply, text) : null;
  return wrongText ? fail(wrongText) : { ok: true, why: '' };
}

export function coreFor(catalog: Catalog, classifier: Classifier): () => CoreDeps {
  return () => ({ catalog, classifier, store: createMemoryStore(), clock: Date.now, limits: DEFAULT_LIMITS, logger: silentLogger() });
}

export async function runDialogue(d: Dialogue, deps: CoreDeps): Promise<TurnResult[]> {
  const place = placeOf(d);
  const results: TurnResult[] = [];
  let current: string | undefined;
  // A channel thread is the bot's once it has answered in it; a DM always is.
  let ours = d.where === 'dm';
  for (const [i, t] of d.turns.entries()) {
    const addressed = d.where === 'dm' || (i === 0 && d.where === 'mention');
    const incoming: Incoming = { type: 'message', id: `${d.id}-${i}`, user: 'U1', place, text: t.say, addressed };
    const reply = await handle(incoming, deps);
    const verdict = judge(t.expect, current, reply);
    const about = entryOf(reply);
    const want = t.expect.kind === 'new' ? t.expect.entry : t.expect.kind === 'answer' ? (t.expect.entry ?? current) : undefined;
    results.push({
      dialogue: d.id,
      turn: i,
      say: t.say,
      expect: t.expect,
      ok: verdict.ok,
      silent: reply === null && t.expect.kind !== 'ack' && (ours || addressed),
      wrongEntry: about !== undefined && want !== undefined && about !== want,
      why: verdict.why,
      got: reply ? renderReplyText(reply).slice(0, 160).replace(/\s+/g, ' ') : '(silence)',
    });
    if (t.expect.kind === 'new') current = t.expect.entry;
    ours ||= reply !== null;
  }
  return results;
}

export interface DialogueFigures {
  readonly dialogues: number;
  readonly turns: number;
  /** Turns after the first answered right. */
  readonly followUps: { n: number; hits: number };
  readonly firstTurns: { n: number; hits: number };
  readonly silentQuestions: number;
  readonly wrongEntry: number;
  readonly failures: readonly TurnResult[];
}

export async function evaluateDialogues(dialogues: readonly Dialogue[], makeDeps: () => CoreDeps): Promise<DialogueFigures> {
  const all: TurnResult[] = [];
  for (const d of dialogues) all.push(...(await runDialogue(d, makeDeps())));
  const later = all.filter((r) => r.turn > 0);
  const first = all.filter((r) => r.turn === 0);
  return {
    dialogues: dialogues.length,
    turns: all.length,
    followUps: { n: later.length, hits: later.filter((r) => r.ok).length },
    firstTurns: { n: first.length, hits: first.filter((r) => r.ok).length },
    silentQuestions: all.filter((r) => r.silent).length,
    wrongEntry: all.filter((r) => r.wrongEntry).length,
    failures: all.filter((r) => !r.ok),
  };
}

/**
 * Plain-words questions asked in a DM: answered with the right entry outright, not "did you
 * mean" (which costs a click and reads as unsure), through the same core decision.
 */
export function directAnswers(cases: readonly { readonly text: string; readonly expect: readonly string[]; readonly kind: string }[], deps: CoreDeps): { n: number; hits: number; asked: number } {
  const questions = cases.filter((c) => c.kind === 'question' && c.expect.length > 0);
  let hits = 0;
  let asked = 0;
  for (const c of questions) {
    const answer = answerFor(deps, c.text, deps.classifier.classify(c.text, 'direct'), 'direct');
    if (answer?.body.kind === 'entries' && answer.body.entries[0]?.id === c.expect[0]) hits++;
    else if (answer?.body.kind === 'did-you-mean') asked++;
  }
  return { n: questions.length, hits, asked };
}
