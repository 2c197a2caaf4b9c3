import { CONFIRM_TITLE, confirmText, jobLine, jobsTitle, NO_JOBS, noticeBy, runLines, runTitle } from './azure-text.ts';
import type { CodeBlock, Entry } from '../../catalog/index.ts';
import type { Candidate, Reply, ReplyBody } from '../core/types.ts';
import { headline, stateLines } from './alert-text.ts';
import { pasteLines, shownMessage } from './entry-facts.ts';

/** A reply as terminal text, in the cards' reading order: the CLI's output and the eval's view of an answer. */

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

function code(block: CodeBlock, by: string): string {
  return `${by}[${block.lang}]\n${indent(block.body.trimEnd(), `${by}  `)}`;
}

function steps(actions: readonly { text: string; code?: CodeBlock | undefined }[]): string[] {
  return actions.flatMap((a, i) => [`  ${i + 1}. ${a.text}`, ...(a.code ? [code(a.code, '     ')] : [])]);
}

export function renderEntryText(entry: Entry): string {
  const out: string[] = [];
  out.push(`${entry.id} (${entry.severity})`, entry.title, '');
  const message = shownMessage(entry);
  if (message) out.push('Azure says:', indent(message, '  '), '');
  out.push(entry.summary.trim(), '');
  out.push('Likely causes:', ...entry.causes.map((c) => `  - ${c}`), '');
  out.push('What to do:', ...steps(entry.actions));
  out.push('', `Docs: ${entry.docs.url}`);
  if (entry.runbook) out.push(`Runbook: ${entry.runbook}`);
  if (entry.owner) out.push(`Owner: ${entry.owner}`);
  if (entry.escalation) out.push(`Escalation: ${entry.escalation}`);
  return out.join('\n');
}

function candidates(list: readonly Candidate[]): string[] {
  return list.map((c) => `  - ${c.id}: ${c.title}`);
}

export function renderBodyText(body: ReplyBody): string {
  switch (body.kind) {
    case 'entries': {
      const out = pasteLines(body);
      if (body.entries.length > 1) out.push(`Your message names ${body.entries.length} errors: ${body.entries.map((e) => e.id).join(', ')}.`);
      if (out.length > 0) out.push('');
      out.push(body.entries.map(renderEntryText).join(`\n\n${'-'.repeat(60)}\n\n`));
      if (body.alternatives.length > 0) out.push('', 'Not this? Maybe:', ...candidates(body.alternatives));
      return out.join('\n');
    }
    case 'follow-up': {
      const out = [`${body.heading} (${body.entry.id})`, body.text];
      if (body.items) out.push(...body.items.map((i) => `  - ${i}`));
      if (body.code) out.push(code(body.code, '  '));
      if (body.actions) out.push(...steps(body.actions));
      out.push(...pasteLines(body));
      if (body.link) out.push(`Docs: ${body.link.url}`);
      return out.join('\n');
    }
    case 'did-you-mean':
      return ['Not sure which error this is. Did you mean:', ...candidates(body.candidates)].join('\n');
    case 'unknown-code':
      return [`${body.codes.join(', ')}: not in the catalog.`, ...(body.candidates.length > 0 ? ['Nearest entries:', ...candidates(body.candidates)] : [])].join('\n');
    case 'foreign':
      return [
        `${body.codes.join(', ')}: this is an SAP HANA error, not a SQL Server one.`,
        'SAP HANA databases share the Azure Backup workload extension, but this catalog covers SQL Server only.',
        `See the SAP HANA troubleshooting guide: ${body.docsUrl}`,
      ].join('\n');
    case 'help':
      return 'Nothing in the catalog matches that. Paste the error code or the message from the portal, PowerShell or the alert, or ask in words, e.g. "log chain is broken again".';
    case 'list':
      return body.groups.map((g) => [g.category, ...g.entries.map((e) => `  ${e.id}: ${e.title}`)].join('\n')).join('\n\n');
    case 'search':
      return body.candidates.length > 0 ? [`Closest entries for "${body.query}":`, ...candidates(body.candidates)].join('\n') : `Nothing matches "${body.query}".`;
    case 'feedback-ack':
      return body.helpful ? 'Marked as helpful.' : 'Marked as not helpful.';
    case 'stats':
      return body.windows.map((w) => [`Last ${w.days} days: ${w.answered} answers`, ...w.top.map((r) => `  ${r.id}: ${r.answered}`)].join('\n')).join('\n');
    case 'notice':
      return noticeBy(body);
    case 'jobs':
      return [jobsTitle(body), ...(body.jobs.length > 0 ? body.jobs.map((j) => `  - ${jobLine(j)}`) : [NO_JOBS])].join('\n');
    case 'backup-run':
      return [runTitle(body), ...runLines(body, body.by.name ?? body.by.id)].join('\n');
    case 'confirm-backup':
      return `${CONFIRM_TITLE}\n${confirmText(body)}`;
    case 'alert': {
      const v = body.view;
      const out = [headline(v), ...v.facts.map((f) => `  ${f.label}: ${f.value}`), ...stateLines(v), v.description];
      if (v.recommended) out.push(`Azure recommends: ${v.recommended}`);
      if (v.diagnosis) out.push('', renderBodyText(v.diagnosis));
      return out.join('\n');
    }
  }
}

export function renderReplyText(reply: Reply): string {
  return reply.note ? `${renderBodyText(reply.body)}\n\n${reply.note}` : renderBodyText(reply.body);
}
