import { SUBMIT_KEY } from '../cards/adaptive-elements.ts';
import { parseCardAction, type CardAction } from '../core/card-action.ts';

/**
 * Reads the CardAction back from an Action.Submit. Teams returns the card's `data` as the
 * activity's `value`, but anyone can post any `value`, so it is checked, not trusted.
 */

export function cardActionOf(value: unknown): CardAction | null {
  if (value === null || typeof value !== 'object') return null;
  return parseCardAction((value as Record<string, unknown>)[SUBMIT_KEY]);
}
