/**
 * The text of a Teams message as its reader saw it, from the HTML Teams hands a message
 * action (`messagePayload.body.content`). Only text comes out: tags are dropped (a mention's
 * `<at>Dana</at>` reads "Dana"), block ends become line breaks so a pasted log keeps its
 * lines, entities are decoded once. The result goes to the classifier and, when echoed, into
 * TextRuns, which never render markup: nothing here needs to be "safe HTML".
 */

/** Far more than any error paste; the core reads the start and end of long text anyway. */
export const MAX_MESSAGE_CHARS = 40_000;

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // A control character or an unpaired surrogate is never what the user saw.
      const valid = code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): string {
  const text = html
    .slice(0, MAX_MESSAGE_CHARS * 2)
    // What a browser would not show: scripts, styles, comments.
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|pre|h[1-6]|blockquote)\s*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_MESSAGE_CHARS);
}

/** The message body as text, whether Teams sent it as HTML (the usual) or as plain text. */
export function messageText(body: { readonly contentType?: unknown; readonly content?: unknown } | undefined): string {
  const content = typeof body?.content === 'string' ? body.content : '';
  return body?.contentType === 'text' ? content.trim().slice(0, MAX_MESSAGE_CHARS) : htmlToText(content);
}
