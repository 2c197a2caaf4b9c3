import type { AlertView } from '../core/alert-view.ts';
import { azureButtonsOf, type AzureButton } from './azure-text.ts';

/** Words and buttons of an alert root card, shared by the Block Kit and Adaptive Card renderers. */

export function headline(view: AlertView): string {
  const about = view.facts.find((f) => f.label === 'Database' || f.label === 'Protected item')?.value;
  const title = `${view.rule}${about ? ` · ${about}` : ''}`;
  return view.state.kind === 'resolved' ? `Resolved: ${title}` : title;
}

/** One line each: resolved how, acknowledged by whom, muted until when. `who` shows a user id as the platform does. */
export function stateLines(view: AlertView, who: (user: string) => string = (user) => user): string[] {
  const lines: string[] = [];
  if (view.state.kind === 'resolved') {
    const state = view.state;
    lines.push(
      state.by === 'user'
        ? `Closed by ${who(state.who)} at ${state.at}.`
        : state.by === 'azure'
          ? `Resolved by Azure at ${state.at}.`
          : `Resolved after a quiet period: no new failure since ${state.at}.`,
    );
  }
  if (view.acknowledged) lines.push(`Acknowledged by ${who(view.acknowledged.by)} at ${view.acknowledged.at}.`);
  if (view.muted) lines.push(`Muted by ${who(view.muted.by)} ${view.muted.until ? `until ${view.muted.until}` : 'until resolved'}: repeats are counted, not announced.`);
  return lines;
}


/** No buttons on a resolved card but Recent jobs: there is nothing left to acknowledge or mute. */
export function alertButtons(view: AlertView): AzureButton[] {
  const jobs = view.azure ? azureButtonsOf(view.azure) : [];
  if (view.state.kind === 'resolved') return jobs.filter((b) => !b.writes);
  const problemId = view.problemId;
  const buttons: AzureButton[] = [];
  const writes = view.changesAzure === true;
  if (!view.acknowledged) buttons.push({ label: 'Acknowledge', action: { kind: 'alert', op: 'ack', problemId }, primary: true, writes });
  buttons.push({ label: 'Close', action: { kind: 'alert', op: 'close', problemId }, writes });
  if (view.muted) buttons.push({ label: 'Unmute', action: { kind: 'alert', op: 'unmute', problemId } });
  else {
    buttons.push({ label: 'Mute 8 h', action: { kind: 'alert', op: 'mute', problemId, hours: 8 } });
    buttons.push({ label: 'Mute 24 h', action: { kind: 'alert', op: 'mute', problemId, hours: 24 } });
    buttons.push({ label: 'Mute until resolved', action: { kind: 'alert', op: 'mute', problemId, hours: 0 } });
  }
  return [...buttons, ...jobs];
}
