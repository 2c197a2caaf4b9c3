import { describe, expect, it } from 'vitest';
import { cutPlain, echo, escape, splitMrkdwn } from './slack-text.ts';

describe('escape', () => {
  it('turns the characters Slack parses into entities and keeps special mentions inert', () => {
    expect(escape('a & b <!here> <@U1> @channel')).toBe('a &amp; b &lt;!here&gt; &lt;@U1&gt; @\u2060channel');
    expect(escape('```code```')).not.toContain('```');
  });
});

describe('echo', () => {
  it('flattens and shortens user text', () => {
    const out = echo(`line one\n\n${'w'.repeat(500)}`, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).not.toContain('\n');
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('cutPlain', () => {
  it('cuts on a word boundary when one is near', () => {
    expect(cutPlain('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(cutPlain('short', 12)).toBe('short');
  });
});

describe('splitMrkdwn', () => {
  it('splits at line ends into pieces within the limit, each with balanced code fences', () => {
    const text = `intro\n\`\`\`\n${Array.from({ length: 300 }, (_, i) => `line ${i} of the script`).join('\n')}\n\`\`\`\noutro`;
    const pieces = splitMrkdwn(text, 1000);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
    }
    const joined = pieces.join('\n');
    for (let i = 0; i < 300; i++) expect(joined).toContain(`line ${i} of the script\n`);
  });

  it('cuts a line longer than the limit rather than loop', () => {
    const pieces = splitMrkdwn('x'.repeat(2500), 1000);
    expect(pieces.map((p) => p.length).every((n) => n <= 1000)).toBe(true);
    expect(pieces.join('')).toBe('x'.repeat(2500));
  });
});
