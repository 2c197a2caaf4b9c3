/**
 * Text safety and cutting for Adaptive Cards.
 *
 * Every piece of text that comes from a user or from the catalog is placed in a `TextRun`
 * (inside a `RichTextBlock`), which Teams and the Adaptive Cards renderers never run
 * through markdown: `**x**`, `[x](y)`, `# x`, `<at>x</at>` stay literal characters, and
 * code keeps its `*` and `_`. `TextBlock`s (which do get markdown) carry only the
 * renderer's own fixed wording. What remains to neutralise in a TextRun is the renderer's
 * `{{DATE(...)}}` / `{{TIME(...)}}` substitution, control characters, and length.
 */

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Makes any string safe to show verbatim in a TextRun. */
export function literal(text: string): string {
  // A zero-width space between the braces stops date/time substitution and shows the same.
  return text.replace(CONTROL, '').replace(/\r\n?/g, '\n').replace(/\{\{/g, '{\u200B{');
}

/** Cuts at a word boundary and marks the cut, so a shortened sentence never ends mid-word. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max * 0.6 ? head.slice(0, space) : head).trimEnd()}…`;
}

export interface CutCode {
  readonly body: string;
  /** Lines left out at the end (0 when the code is whole). */
  readonly omitted: number;
}

/** Cuts code at a line boundary (a half line of SQL is worse than none) and long lines at maxWidth. */
export function cutCode(body: string, maxLines: number, maxWidth: number): CutCode {
  const lines = body.split('\n');
  const kept = lines.slice(0, maxLines).map((line) => (line.length > maxWidth ? `${line.slice(0, maxWidth - 1)}…` : line));
  return { body: kept.join('\n'), omitted: Math.max(0, lines.length - maxLines) };
}

/** UTF-8 size of the JSON Teams receives: the ~28 KB message limit is in bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
