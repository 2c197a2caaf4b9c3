import type { KnownBlock } from '@slack/types';
import type { AlertView } from '../core/alert-view.ts';
import { alertButtons, headline, stateLines } from './alert-text.ts';
import { PERMISSION_NOTE } from './azure-text.ts';
import { actions, button, context, divider, header, linkButton, sections, type Positions } from './slack-build.ts';
import { cutPlain, escape } from './slack-text.ts';
import { whoSlack } from './slack-azure.ts';

/**
 * An alert's root card in Block Kit: Azure's facts, state and buttons, then the diagnosis
 * rendered by the same code as a paste's answer (`diagnosis`).
 */
export function alertBlocks(view: AlertView, positions: Positions, diagnosis: KnownBlock[]): KnownBlock[] {
  const icon = view.state.kind === 'resolved' ? ':white_check_mark:' : ':rotating_light:';
  const blocks: KnownBlock[] = [header(`${view.state.kind === 'resolved' ? '✅' : '🚨'} ${cutPlain(headline(view), 140)}`)];
  const fields = view.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn' as const, text: `*${escape(f.label)}*\n${escape(cutPlain(f.value, 300))}` }));
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  // The lines are fixed words and times; only who acted is variable: a mention, or escaped.
  const states = stateLines(view, (user) => whoSlack({ id: user }));
  if (states.length > 0) blocks.push(context(...states.map((l) => `${icon} ${l}`)));
  const azure = [`*Azure says:* ${escape(cutPlain(view.description, 1200))}`];
  if (view.recommended) azure.push(`*Azure recommends:* ${escape(cutPlain(view.recommended, 1200))}`);
  blocks.push(...sections(azure.join('\n')));
  const pressable = alertButtons(view);
  const buttons = pressable.map((b) => button(b.label, b.action, positions, b.primary ? 'primary' : undefined));
  if (view.investigationLink) buttons.push(linkButton('Investigate in Azure', view.investigationLink, positions));
  if (buttons.length > 0) blocks.push(...actions(buttons));
  if (pressable.some((b) => b.writes)) blocks.push(context(`:lock: ${escape(PERMISSION_NOTE)}`));
  if (diagnosis.length > 0) blocks.push(divider(), ...diagnosis);
  return blocks;
}
