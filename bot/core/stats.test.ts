import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { createClassifier } from '../../intents/index.ts';
import { silentLogger } from '../ops/logger.ts';
import { createMemoryStore } from '../store/memory.ts';
import { DEFAULT_LIMITS, type CoreDeps } from './deps.ts';
import { handle } from './handle.ts';
import type { Place, ReplyBody } from './types.ts';

const catalog = loadCatalog();
const classifier = createClassifier(catalog);
const DAY = 86_400_000;
const LSN = 'UserErrorSQLLSNValidationFailure';
const NOT_RUNNING = 'VMNotInRunningStateUserError';

describe('stats', () => {
  it('separates the last 7 days from the last 30 and drops what is older', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const clock = () => now;
    const deps: CoreDeps = {
      catalog, classifier, store: createMemoryStore({ clock }), clock, limits: DEFAULT_LIMITS, logger: silentLogger(),
    };
    const place: Place = { platform: 'teams', team: 'T', channel: 'C', thread: null, space: 'dm' };
    let id = 0;
    const say = (text: string) => handle({ type: 'message', id: `m${++id}`, user: 'U', place, text, addressed: true }, deps);
    const stats = async () => {
      const reply = await handle({ type: 'command', id: `c${++id}`, user: 'U', place, text: 'stats' }, deps);
      expect(reply?.body.kind).toBe('stats');
      return (reply?.body as Extract<ReplyBody, { kind: 'stats' }>).windows;
    };

    await say(NOT_RUNNING); // 45 days before the report: in neither window
    now += 25 * DAY;
    await say(NOT_RUNNING); // 20 days before: in the 30-day window only
    await say(NOT_RUNNING);
    now += 20 * DAY;
    await say(LSN);
    await say('hello there'); // not an answer with an entry: not counted

    const [week, month] = await stats();
    expect(week).toMatchObject({ days: 7, answered: 1, top: [{ id: LSN, answered: 1 }] });
    expect(month).toMatchObject({ days: 30, answered: 3 });
    expect(month?.top.map((r) => [r.id, r.answered])).toEqual([[NOT_RUNNING, 2], [LSN, 1]]);
  });
});
