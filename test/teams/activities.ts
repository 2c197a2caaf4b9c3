import type { Activity } from 'botbuilder';
import { SUBMIT_KEY } from '../../bot/cards/adaptive-elements.ts';

/** Teams activities as the service sends them, for personal chats, group chats and channels. */

export const BOT = { id: '28:bot-app-id', name: 'SQL Backup' };
export const USER = { id: '29:user-1', name: 'Dana DBA', aadObjectId: '00000000-0000-0000-0000-0000000000aa' };
export const TENANT = '72f988bf-0000-0000-0000-000000000001';
export const CHANNEL = '19:ops-channel@thread.tacv2';
export const GROUP = '19:group-chat@thread.v2';
export const PERSONAL = 'a:1personal-chat';

let seq = 0;
export const nextId = (): string => `1700000000${String(++seq).padStart(3, '0')}`;

type Scope = 'personal' | 'groupChat' | 'channel';

function conversation(scope: Scope, root?: string): Activity['conversation'] {
  const id = scope === 'personal' ? PERSONAL : scope === 'groupChat' ? GROUP : root ? `${CHANNEL};messageid=${root}` : CHANNEL;
  return { id, conversationType: scope, tenantId: TENANT, isGroup: scope !== 'personal', name: '' };
}

export interface MessageOptions {
  readonly scope?: Scope;
  readonly mention?: boolean;
  /** Channel reply chain root; a new post is its own root. */
  readonly root?: string;
  readonly serviceUrl?: string;
  readonly id?: string;
}

export function message(text: string, options: MessageOptions = {}): Partial<Activity> {
  const id = options.id ?? nextId();
  const scope = options.scope ?? 'personal';
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'https://smba.trafficmanager.net/teams/',
    from: USER,
    recipient: BOT,
    conversation: conversation(scope, scope === 'channel' ? (options.root ?? id) : undefined),
    text: options.mention ? `${mentionText} ${text}` : text,
    textFormat: 'plain',
    entities: options.mention ? [{ type: 'mention', text: mentionText, mentioned: BOT }] : [],
    channelData: { tenant: { id: TENANT }, ...(scope === 'channel' ? { channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } } : {}) },
    timestamp: new Date(),
  };
}

/** Card submits and conversation updates carry no text at all. */
function withoutText(activity: Partial<Activity>): Partial<Activity> {
  const copy = { ...activity };
  delete copy.text;
  return copy;
}

/** What Teams sends when an Action.Submit on the card `cardId` is pressed. */
/** `action` is usually a CardAction; tests also pass forged ones. */
export function submit(action: unknown, cardId: string, options: Omit<MessageOptions, 'mention'> = {}): Partial<Activity> {
  const base = withoutText(message('', options));
  return { ...base, replyToId: cardId, value: { [SUBMIT_KEY]: action } };
}

export function membersAdded(scope: Scope, serviceUrl?: string): Partial<Activity> {
  const base = withoutText(message('', { scope, ...(serviceUrl ? { serviceUrl } : {}) }));
  return { ...base, type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };
}

/** A Teams message as a message action hands it over (`value.messagePayload`), its body in HTML. */
export function messagePayload(html: string, options: { id?: string; replyToId?: string } = {}): Record<string, unknown> {
  return {
    id: options.id ?? nextId(),
    replyToId: options.replyToId ?? null,
    createdDateTime: new Date().toISOString(),
    messageType: 'message',
    body: { contentType: 'html', content: html },
    from: { user: { id: '00000000-0000-0000-0000-0000000000bb', displayName: 'Sam Ops', userIdentityType: 'aadUser' } },
    mentions: [],
    attachments: [],
  };
}

export interface InvokeOptions {
  readonly scope?: Scope;
  /** Channel: the reply chain the message is in; Teams names it in the conversation id. */
  readonly root?: string;
  readonly serviceUrl?: string;
}

/**
 * A message extension invoke (`composeExtension/fetchTask` or `/submitAction`) as Teams
 * sends it: an id of its own ("f:…"), the conversation of the message, the command in `value`.
 */
export function invoke(name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', value: Record<string, unknown>, options: InvokeOptions = {}): Partial<Activity> {
  const scope = options.scope ?? 'channel';
  const base = withoutText(message('', { scope, ...(options.root ? { root: options.root } : {}), ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}) }));
  return {
    ...base,
    type: 'invoke',
    name,
    id: `f:${crypto.randomUUID()}`,
    channelData: { ...(base.channelData as object), source: { name: 'message' } },
    value: { commandContext: 'message', context: { theme: 'default' }, ...value },
  };
}
