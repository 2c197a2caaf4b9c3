import { describe, expect, it } from 'vitest';
import { placeOf, spaceOf, stripMention, unescapeSlack } from './place.ts';

describe('placeOf', () => {
  it('roots a top-level channel message\'s answer in a thread on it', () => {
    expect(placeOf('T1', 'C1', '10.1', undefined, 'channel')).toEqual({ platform: 'slack', team: 'T1', channel: 'C1', thread: '10.1', space: 'channel' });
    expect(placeOf('T1', 'C1', '10.2', '10.1', 'channel').thread).toBe('10.1');
  });

  it('keeps a top-level DM unthreaded', () => {
    expect(placeOf('T1', 'D1', '10.1', undefined, 'im')).toMatchObject({ thread: null, space: 'dm' });
    expect(placeOf('T1', 'D1', '10.2', '10.1', 'im')).toMatchObject({ thread: '10.1', space: 'dm' });
  });

  it('tells private channels from public ones', () => {
    expect(spaceOf('G123')).toBe('group');
    expect(spaceOf('C123', 'group')).toBe('group');
    expect(spaceOf('C123')).toBe('channel');
  });
});

describe('stripMention', () => {
  it('removes only the bot\'s own mention', () => {
    expect(stripMention('<@UBOT> log chain <@U2> broke', 'UBOT')).toBe('log chain <@U2> broke');
    expect(stripMention('<@UBOT|sqlbackup> help', 'UBOT')).toBe('help');
  });
});

describe('unescapeSlack', () => {
  it('gives back what the user typed, decoding each entity once', () => {
    expect(unescapeSlack('a &lt;b&gt; &amp;&amp; c')).toBe('a <b> && c');
    // The user typed "&lt;" literally: Slack sent "&amp;lt;".
    expect(unescapeSlack('&amp;lt;')).toBe('&lt;');
  });
});
