import { createHmac } from 'node:crypto';

/**
 * Slack-shaped deliveries, signed the way Slack signs them: v0 HMAC-SHA256 over
 * `v0:{timestamp}:{raw body}` with the signing secret.
 */

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(secret: string, body: string, options: { timestamp?: number; contentType?: string; retryNum?: number } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return headers;
}

export interface MessageEventOptions {
  eventId: string;
  text: string;
  channel?: string;
  user?: string;
  ts?: string;
  /** Set for a reply in a thread: the root message's ts. */
  threadTs?: string;
  /** 'app_mention' for "@sqlbackup ...", 'message' otherwise. */
  type?: 'message' | 'app_mention';
  channelType?: 'channel' | 'group' | 'im';
  team?: string;
}

let tsSeq = 0;
export function nextTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(++tsSeq).padStart(6, '0')}`;
}

export function messageEvent(o: MessageEventOptions): string {
  const team = o.team ?? 'T0001';
  const event: Record<string, unknown> = {
    type: o.type ?? 'message',
    channel: o.channel ?? 'C0OPS',
    user: o.user ?? 'U0DBA',
    text: o.text,
    ts: o.ts ?? nextTs(),
    channel_type: o.channelType ?? 'channel',
    team,
  };
  if (o.threadTs !== undefined) event['thread_ts'] = o.threadTs;
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: 'A0BOT',
    type: 'event_callback',
    event_id: o.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true }],
  });
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommand(o: { text: string; user?: string; channel?: string; team?: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: o.team ?? 'T0001',
    channel_id: o.channel ?? 'C0OPS',
    user_id: o.user ?? 'U0DBA',
    command: '/sqlbackup',
    text: o.text,
    response_url: 'http://127.0.0.1:9/hooks/unused',
    trigger_id: o.triggerId ?? `trig-${Math.random().toString(36).slice(2)}`,
  }).toString();
}
