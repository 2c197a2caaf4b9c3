import type { AlertView } from '../core/alert-view.ts';
import { alertButtons, headline, stateLines } from './alert-text.ts';
import { container, label, note, openUrl, para, type AcNode } from './adaptive-elements.ts';
import { azureSubmit } from './adaptive-azure.ts';
import { PERMISSION_NOTE } from './azure-text.ts';
import { cut } from './adaptive-text.ts';

/**
 * An alert's root card as Adaptive Card parts: Azure's facts, state and buttons. The caller
 * appends the diagnosis card's body (the same one a paste gets) under them. The alert's
 * buttons sit in the body, under the facts they act on: the card's own action bar holds at
 * most five, and the diagnosis needs its Docs and Helpful buttons there.
 */
export function alertParts(view: AlertView): { title: string; body: AcNode[] } {
  const title = headline(view);
  const body: AcNode[] = [
    container(
      [
        para(cut(title, 200), { weight: 'bolder', size: 'medium', color: view.state.kind === 'resolved' ? 'good' : 'attention' }),
        { type: 'FactSet', facts: view.facts.slice(0, 12).map((f) => ({ title: f.label, value: cut(f.value, 300) })) },
        ...stateLines(view).map((l) => note(l)),
      ],
      view.state.kind === 'resolved' ? 'good' : 'attention',
    ),
    label('Azure says'),
    para(cut(view.description, 1500)),
    ...(view.recommended ? [label('Azure recommends'), para(cut(view.recommended, 1500))] : []),
  ];
  // An ActionSet holds at most five actions: the alert's own, muting, and Azure's get a row each.
  const buttons = alertButtons(view);
  const rows = [
    [...buttons.filter((b) => b.action.kind === 'alert' && b.action.op !== 'mute').map(azureSubmit), ...(view.investigationLink ? [openUrl('Investigate in Azure', view.investigationLink)] : [])],
    buttons.filter((b) => b.action.kind === 'alert' && b.action.op === 'mute').map(azureSubmit),
    buttons.filter((b) => b.action.kind === 'azure').map(azureSubmit),
  ];
  for (const actions of rows) if (actions.length > 0) body.push({ type: 'ActionSet', actions });
  if (buttons.some((b) => b.writes)) body.push(note(PERMISSION_NOTE));
  return { title, body };
}
