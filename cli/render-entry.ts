import type { CodeBlock, Entry } from '../catalog/index.ts';

/** An entry as terminal text: what the bot's card says, in reading order. */

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

function code(block: CodeBlock, by: string): string {
  return `${by}[${block.lang}]\n${indent(block.body.trimEnd(), `${by}  `)}`;
}

export function renderEntry(entry: Entry): string {
  const out: string[] = [];
  out.push(`${entry.id} (${entry.severity})`, entry.title, '');
  const message = entry.messages[0];
  if (message) out.push('Azure says:', indent(message.text, '  '), '');
  out.push(entry.summary.trim(), '');
  out.push('Likely causes:', ...entry.causes.map((c) => `  - ${c}`), '');
  out.push('What to do:');
  entry.actions.forEach((action, i) => {
    out.push(`  ${i + 1}. ${action.text}`);
    if (action.code) out.push(code(action.code, '     '));
  });
  out.push('', `Docs: ${entry.docs.url}`);
  if (entry.runbook) out.push(`Runbook: ${entry.runbook}`);
  if (entry.owner) out.push(`Owner: ${entry.owner}`);
  if (entry.escalation) out.push(`Escalation: ${entry.escalation}`);
  return out.join('\n');
}
