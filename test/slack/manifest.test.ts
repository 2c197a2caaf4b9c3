import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../bot/slack/app.ts';
import { COMMAND } from '../../bot/slack/listeners/command.ts';
import { EXPLAIN_SHORTCUT } from '../../bot/slack/listeners/shortcut.ts';

/**
 * The manifest and the code must agree, or the app installs fine and then silently never
 * hears an event, or fails a call with missing_scope at 3 a.m. Read from the source, so a
 * new listener or Web API call without its manifest line fails here.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SLACK_DIR = join(ROOT, 'bot/slack');

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
    slash_commands: { command: string; url?: string; usage_hint?: string; description: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}
const load = (name: string) => JSON.parse(readFileSync(join(ROOT, 'manifest/slack', name), 'utf8')) as Manifest;
const http = load('manifest.json');
const socket = load('manifest.socket-mode.json');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [readFileSync(join(dir, d.name), 'utf8')] : [],
  );
}
const code = sources(SLACK_DIR).join('\n');

/** The Events API subscriptions each Bolt event listener needs, given the conversations it handles. */
const SUBSCRIPTIONS: Record<string, string[]> = {
  message: ['message.channels', 'message.groups', 'message.im'],
  app_mention: ['app_mention'],
  app_home_opened: ['app_home_opened'],
};
/** Scopes per bot event and per Web API method (https://docs.slack.dev/reference/methods). */
const EVENT_SCOPES: Record<string, string | null> = {
  // The Home tab's event and views.publish need no scope of their own.
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
};
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'views.publish': [],
  'views.open': [],
  // AZURE_ACTIONS_ALLOWED may name user groups: their members are read to decide who may act.
  'usergroups.users.list': ['usergroups:read'],
};

const listened = [...code.matchAll(/\.event\(\s*'([\w.]+)'/g)].map((m) => m[1] as string);
// Bolt itself calls auth.test to learn the bot's own user id.
const called = ['auth.test', ...[...code.matchAll(/client\.(\w+(?:\.\w+)+)\(/g)].map((m) => m[1] as string)];

describe.each([
  ['manifest.json (HTTP)', http],
  ['manifest.socket-mode.json', socket],
])('%s', (_name, manifest) => {
  it('subscribes to exactly the events the code listens to', () => {
    expect(listened.length).toBeGreaterThan(0);
    const needed = new Set(listened.flatMap((e) => SUBSCRIPTIONS[e] ?? [`(no mapping for listener "${e}")`]));
    expect(new Set(manifest.settings.event_subscriptions.bot_events)).toEqual(needed);
  });

  it('lists exactly the scopes the events, Web API calls and the command need', () => {
    expect(called).toContain('chat.postMessage');
    const needed = new Set<string>(['commands']);
    for (const e of manifest.settings.event_subscriptions.bot_events) {
      const scope = EVENT_SCOPES[e];
      if (scope !== null) needed.add(scope ?? `(no scope known for ${e})`);
    }
    for (const m of called) for (const s of METHOD_SCOPES[m] ?? [`(no scope known for ${m})`]) needed.add(s);
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });

  it('declares the slash command with its usage hint, and interactivity for the buttons', () => {
    const command = manifest.features.slash_commands.find((c) => c.command === COMMAND);
    expect(command?.usage_hint).toMatch(/search/);
    expect(command?.usage_hint).toMatch(/watch/);
    expect(command?.description.length).toBeLessThanOrEqual(100);
    expect(code).toMatch(/\.command\(COMMAND/);
    expect(code).toMatch(/\.action\(/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('enables the Home tab exactly when the code draws it', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(listened.includes('app_home_opened'));
    expect(called.includes('views.publish')).toBe(listened.includes('app_home_opened'));
  });

  it('declares exactly the message shortcuts the code listens to, within Slack\'s lengths', () => {
    expect(code).toMatch(/\.shortcut<MessageShortcut>\(\{ callback_id: EXPLAIN_SHORTCUT, type: 'message_action' \}/);
    expect(manifest.features.shortcuts.map((s) => [s.type, s.callback_id])).toEqual([['message', EXPLAIN_SHORTCUT]]);
    for (const s of manifest.features.shortcuts) {
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeLessThanOrEqual(150);
    }
  });
});

describe('HTTP and Socket Mode manifests', () => {
  it('point every HTTP request URL at the one endpoint the receiver serves', () => {
    const urls = [http.settings.event_subscriptions.request_url, http.settings.interactivity.request_url, http.features.slash_commands[0]?.url];
    for (const url of urls) expect(new URL(url ?? '').pathname).toBe(EVENTS_PATH);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('differ only in Socket Mode and the request URLs it makes unnecessary', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    const strip = (m: Manifest) =>
      JSON.parse(JSON.stringify(m, (key, value: unknown) => (key === 'request_url' || key === 'url' || key === 'socket_mode_enabled' ? undefined : value))) as unknown;
    expect(strip(socket)).toEqual(strip(http));
  });
});
