import type { StatsRow, StatsWindow } from '../core/types.ts';

/** "80% helpful (5 votes)", shared by the Slack and Teams cards so both say the same. */
export function ratingOf(row: StatsRow): string {
  const votes = row.helpful + row.unhelpful;
  if (votes === 0) return 'no votes yet';
  return `${Math.round((100 * row.helpful) / votes)}% helpful (${votes} ${votes === 1 ? 'vote' : 'votes'})`;
}

export function windowHeading(w: StatsWindow): string {
  return `Last ${w.days} days · ${w.answered} ${w.answered === 1 ? 'answer' : 'answers'}`;
}

export const NO_ANSWERS = 'Nothing answered in this period yet.';

export function answersOf(row: StatsRow): string {
  return `${row.answered} ${row.answered === 1 ? 'answer' : 'answers'}`;
}
