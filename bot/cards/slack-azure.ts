import type { KnownBlock, View } from '@slack/types';
import type { AzureButtons, ReplyBody, Who } from '../core/types.ts';
import { azureButtonsOf, CONFIRM_TITLE, confirmText, jobLine, jobsTitle, NO_JOBS, PERMISSION_NOTE, RETENTION_INPUT, RETENTION_LABEL, runLines, runTitle } from './azure-text.ts';
import { actions, button, context, header, sections, type Positions } from './slack-build.ts';
import { cutPlain, escape } from './slack-text.ts';

/** The Azure parts of Slack messages: buttons on a card, the jobs list, a started backup, the confirmation modal. */

export function whoSlack(who: Who): string {
  return /^[UW][A-Z0-9]+$/.test(who.id) ? `<@${who.id}>` : escape(who.name ?? who.id);
}

export function azureBlocks(azure: AzureButtons, positions: Positions): KnownBlock[] {
  const buttons = azureButtonsOf(azure);
  const blocks: KnownBlock[] = actions(buttons.map((b) => button(b.label, b.action, positions, b.primary ? 'primary' : undefined)));
  if (buttons.some((b) => b.writes)) blocks.push(context(`:lock: ${escape(PERMISSION_NOTE)}`));
  return blocks;
}

export function jobsBlocks(b: Extract<ReplyBody, { kind: 'jobs' }>, positions: Positions): KnownBlock[] {
  const lines = b.jobs.length > 0 ? b.jobs.map((j) => `• ${escape(jobLine(j))}`) : [escape(NO_JOBS)];
  return [header(cutPlain(jobsTitle(b), 150)), ...sections(lines.join('\n')), ...azureBlocks(b.azure, positions)];
}

const RUN_ICON: Record<string, string> = { InProgress: ':hourglass_flowing_sand:', Completed: ':white_check_mark:', CompletedWithWarnings: ':warning:', Failed: ':x:' };

export function runBlocks(b: Extract<ReplyBody, { kind: 'backup-run' }>): KnownBlock[] {
  const icon = RUN_ICON[b.status] ?? ':grey_question:';
  return [...sections(`${icon} *${escape(runTitle(b))}*`), context(...runLines(b, whoSlack(b.by), escape))];
}

export const CONFIRM_CALLBACK = 'sqlbackup-confirm-backup';
export const RETENTION_BLOCK = 'retention';

/**
 * The confirmation as a modal. `metadata` (at most 3,000 characters) carries the confirmation
 * and where it was asked, for the submission to act on.
 */
export function confirmModal(b: Extract<ReplyBody, { kind: 'confirm-backup' }>, metadata: string): View {
  return {
    type: 'modal',
    callback_id: CONFIRM_CALLBACK,
    private_metadata: metadata,
    title: { type: 'plain_text', text: CONFIRM_TITLE },
    submit: { type: 'plain_text', text: 'Start backup' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      ...sections(escape(confirmText(b))),
      {
        type: 'input',
        block_id: RETENTION_BLOCK,
        label: { type: 'plain_text', text: RETENTION_LABEL },
        element: { type: 'number_input', action_id: RETENTION_INPUT, is_decimal_allowed: false, min_value: '1', max_value: '36500', initial_value: String(b.days) },
      },
    ],
  };
}
