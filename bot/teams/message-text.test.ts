import { describe, expect, it } from 'vitest';
import { htmlToText, MAX_MESSAGE_CHARS, messageText } from './message-text.ts';

describe('the text of a Teams message', () => {
  it('reads a pasted log line by line, mentions as names, entities decoded once', () => {
    const html = '<div><at id="0">SQL Backup</at>&nbsp;help:</div><div>Job&nbsp;failed<br>Code: <b>UserErrorSQLNoSysadminMembership</b></div><p>a &amp;lt; b &lt;c&gt; &#39;x&#39; &#x41;</p>';
    expect(htmlToText(html)).toBe("SQL Backup help:\nJob failed\nCode: UserErrorSQLNoSysadminMembership\na &lt; b <c> 'x' A");
  });

  it('keeps code blocks and lists as lines', () => {
    expect(htmlToText('<pre>line 1\nline 2</pre><ul><li>one</li><li>two</li></ul>')).toBe('line 1\nline 2\n• one\n• two');
  });

  it('drops what a reader never saw: scripts, styles, comments, control characters', () => {
    expect(htmlToText('<script>steal()</script><style>p{}</style><!-- hidden -->shown&#0;&#7;&#xD800;')).toBe('shown');
  });

  it('is bounded, and takes plain text as it is', () => {
    expect(htmlToText(`<p>${'x'.repeat(MAX_MESSAGE_CHARS * 3)}</p>`).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(messageText({ contentType: 'text', content: ' <b>as typed</b> ' })).toBe('<b>as typed</b>');
    expect(messageText(undefined)).toBe('');
    expect(messageText({ contentType: 'html', content: 42 })).toBe('');
  });
});
