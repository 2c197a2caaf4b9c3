import type { AzureButtons, ReplyBody } from '../core/types.ts';
import { SUBMIT_KEY, note, para, submit, type AcNode } from './adaptive-elements.ts';
import { cut } from './adaptive-text.ts';
import { azureButtonsOf, CONFIRM_TITLE, confirmText, jobLine, jobsTitle, NO_JOBS, PERMISSION_NOTE, RETENTION_INPUT, RETENTION_LABEL, runLines, runTitle, whoNamed, type AzureButton } from './azure-text.ts';

/** The Azure parts of Adaptive Cards: buttons, the jobs list, a started backup, the confirmation dialog. */


/**
 * A button that changes Azure opens a dialog (a task module) instead of posting: only the
 * presser sees the confirmation, or the refusal when they are not allowed.
 */
export function azureSubmit(b: AzureButton): AcNode {
  if (!b.writes) return submit(b.label, b.action, b.primary ? 'positive' : undefined);
  return { type: 'Action.Submit', title: cut(b.label, 60), data: { msteams: { type: 'task/fetch' }, [SUBMIT_KEY]: b.action } };
}

export function azureNodes(azure: AzureButtons): AcNode[] {
  const buttons = azureButtonsOf(azure);
  return [{ type: 'ActionSet', actions: buttons.map(azureSubmit) }, ...(buttons.some((b) => b.writes) ? [note(PERMISSION_NOTE)] : [])];
}

export function jobsNodes(b: Extract<ReplyBody, { kind: 'jobs' }>): { title: string; body: AcNode[] } {
  const title = jobsTitle(b);
  const lines = b.jobs.length > 0 ? b.jobs.map((j) => para(`• ${jobLine(j)}`, {}, 'small')) : [para(NO_JOBS)];
  return { title, body: [para(cut(title, 200), { weight: 'bolder', size: 'medium' }), ...lines, ...azureNodes(b.azure)] };
}


export function runNodes(b: Extract<ReplyBody, { kind: 'backup-run' }>): { title: string; body: AcNode[] } {
  const color = b.status === 'Failed' ? 'attention' : b.status === 'InProgress' ? 'accent' : 'good';
  const title = runTitle(b);
  return { title, body: [para(cut(title, 200), { weight: 'bolder', size: 'medium', color }), ...runLines(b, whoNamed(b.by)).map((l) => para(l, { subtle: true }, 'small'))] };
}

/** The confirmation, shown in a dialog: what will happen, the retention to keep, Confirm and Cancel. */
export function confirmNodes(b: Extract<ReplyBody, { kind: 'confirm-backup' }>): { title: string; body: AcNode[]; actions: AcNode[] } {
  return {
    title: CONFIRM_TITLE,
    body: [
      para(CONFIRM_TITLE, { weight: 'bolder', size: 'medium' }),
      para(confirmText(b)),
      { type: 'Input.Number', id: RETENTION_INPUT, label: RETENTION_LABEL, value: b.days, min: 1, max: 36_500, isRequired: true, errorMessage: 'A number of days from 1 to 36500' },
    ],
    actions: [
      submit('Start backup', { kind: 'azure', op: 'confirm', ref: b.ref, nonce: b.nonce }, 'positive'),
      // Cancel needs no retention: an emptied field must not hold it back.
      { ...submit('Cancel', { kind: 'azure', op: 'cancel', ref: b.ref, nonce: b.nonce }), associatedInputs: 'none' },
    ],
  };
}
