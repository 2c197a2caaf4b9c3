import { describe, expect, it } from 'vitest';
import { SUBMIT_KEY } from '../bot/cards/adaptive-elements.ts';
import { decodeAction, encodeAction } from '../bot/cards/slack-action.ts';
import { cardActionOf } from '../bot/teams/card-action.ts';
import { parseCardAction, type CardAction } from '../bot/core/card-action.ts';

/** Slack buttons and Teams submits read a clicked action with the same rules: one schema. */

const good: CardAction[] = [
  { kind: 'pick', entryId: 'UserErrorSQLLSNValidationFailure' },
  { kind: 'feedback', entryId: 'UserErrorSQLLSNValidationFailure', helpful: false },
  { kind: 'share', entryIds: ['a', 'b'] },
  { kind: 'more', entryId: 'x' },
];
const bad: unknown[] = [
  { kind: 'pick', entryId: '' },
  { kind: 'pick', entryId: 'x', extra: 1 },
  { kind: 'share', entryIds: [] },
  { kind: 'share', entryIds: Array.from({ length: 11 }, (_, i) => `e${i}`) },
  { kind: 'feedback', entryId: 'x', helpful: 'yes' },
  { kind: 'delete', entryId: 'x' },
  'pick',
  null,
];

describe('one CardAction schema for both platforms', () => {
  it.each(good)('both read back %j', (action) => {
    expect(parseCardAction(action)).toEqual(action);
    expect(decodeAction(encodeAction(action))).toEqual(action);
    expect(cardActionOf({ [SUBMIT_KEY]: action })).toEqual(action);
  });

  it.each(bad)('both refuse %j', (value) => {
    expect(parseCardAction(value)).toBeNull();
    expect(decodeAction(JSON.stringify(value))).toBeNull();
    expect(cardActionOf({ [SUBMIT_KEY]: value })).toBeNull();
  });
});
