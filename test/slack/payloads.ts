import type { KnownBlock } from '@slack/types';

/** Interaction payloads as Slack posts them: form-encoded with one `payload` field of JSON. */

export interface ButtonPress {
  /** The message the button was on, as Slack sends it back. */
  message: { ts: string; thread_ts?: string; blocks: KnownBlock[] } | null;
  actionId: string;
  value: string;
  responseUrl: string;
  channel?: string;
  user?: string;
  ephemeral?: boolean;
}

export function blockActions(p: ButtonPress): string {
  const channel = p.channel ?? 'C0OPS';
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0BOT',
    token: 'legacy-verification-token',
    team: { id: 'T0001', domain: 'example' },
    user: { id: p.user ?? 'U0DBA', username: 'dba', team_id: 'T0001' },
    channel: { id: channel, name: 'ops' },
    container: p.message
      ? { type: 'message', message_ts: p.message.ts, channel_id: channel, is_ephemeral: p.ephemeral === true }
      : { type: 'message', message_ts: '0.0', channel_id: channel, is_ephemeral: true },
    ...(p.message ? { message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'card', ...p.message } } : {}),
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    response_url: p.responseUrl,
    actions: [{ type: 'button', action_id: p.actionId, block_id: 'b1', value: p.value, action_ts: String(Date.now() / 1000) }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A slash command whose response_url points at the recorder. */
export function slashCommand(o: { text: string; responseUrl: string; channel?: string; channelName?: string; user?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: o.channel ?? 'C0OPS',
    channel_name: o.channelName ?? 'ops',
    user_id: o.user ?? 'U0DBA',
    user_name: 'dba',
    command: '/sqlbackup',
    text: o.text,
    api_app_id: 'A0BOT',
    response_url: o.responseUrl,
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

/** Buttons of a rendered message with their decoded values. */
export function buttonsOf(blocks: unknown): { action_id: string; value?: string; text: string }[] {
  if (!Array.isArray(blocks)) return [];
  return (blocks as KnownBlock[]).flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) => (e.type === 'button' ? [{ action_id: e.action_id ?? '', text: e.text.text, ...(e.value ? { value: e.value } : {}) }] : []))
      : [],
  );
}

/** A message shortcut ("Explain this error") on someone's message, as Slack posts it. */
export function messageShortcut(o: {
  callbackId: string;
  message: { ts: string; thread_ts?: string; text: string; user?: string };
  responseUrl: string;
  channel?: string;
  user?: string;
}): string {
  const payload = {
    type: 'message_action',
    callback_id: o.callbackId,
    token: 'legacy-verification-token',
    action_ts: String(Date.now() / 1000),
    team: { id: 'T0001', domain: 'example' },
    user: { id: o.user ?? 'U0DBA', name: 'dba', team_id: 'T0001' },
    channel: { id: o.channel ?? 'C0OPS', name: 'ops' },
    is_enterprise_install: false,
    message_ts: o.message.ts,
    message: { type: 'message', user: o.message.user ?? 'U0OTHER', ...o.message },
    response_url: o.responseUrl,
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A modal submitted, as Slack posts a view_submission: the view the bot opened, with the retention typed in it. */
export function viewSubmission(o: { view: Record<string, unknown>; user: string; days: string; viewId: string }): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T0001', domain: 'example' },
    user: { id: o.user, username: 'dba', team_id: 'T0001' },
    api_app_id: 'A0BOT',
    token: 'legacy-verification-token',
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    view: {
      id: o.viewId,
      type: 'modal',
      callback_id: o.view['callback_id'],
      private_metadata: o.view['private_metadata'],
      state: { values: { retention: { days: { type: 'number_input', value: o.days } } } },
      hash: 'h1',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
