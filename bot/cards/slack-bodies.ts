import type { KnownBlock } from '@slack/types';
import { commandsFor, type CommandSpec } from '../core/commands.ts';
import { whoSlack } from './slack-azure.ts';
import { CATEGORY_LABELS } from '../core/labels.ts';
import type { Candidate, ReplyBody } from '../core/types.ts';
import { actions, button, context, header, linkButton, sections, type Positions } from './slack-build.ts';
import { codeBlock, echo, escape, labelledCode } from './slack-text.ts';
import { answersOf, NO_ANSWERS, ratingOf, windowHeading } from './stats-text.ts';
import { pasteLines } from './entry-facts.ts';

type Body<K extends ReplyBody['kind']> = Extract<ReplyBody, { kind: K }>;

/** Candidates as a readable list plus one pick button each. */
export function candidateBlocks(lead: string, candidates: readonly Candidate[], positions: Positions): KnownBlock[] {
  if (candidates.length === 0) return [];
  const lines = candidates.map((c) => `• *${escape(c.title)}* \`${escape(c.id)}\``).join('\n');
  return [
    ...sections(`${lead}\n${lines}`),
    ...actions(candidates.map((c) => button(c.title, { kind: 'pick', entryId: c.id }, positions))),
  ];
}

const NOTHING = 'Try the words Azure printed, the error code, or `/sqlbackup list` to browse every entry.';

export function didYouMean(b: Body<'did-you-mean'>, positions: Positions): KnownBlock[] {
  if (b.candidates.length === 0) return sections(`I found no entry for “${echo(b.query)}”. ${NOTHING}`);
  return candidateBlocks(`I am not sure which error “${echo(b.query)}” is. Is it one of these?`, b.candidates, positions);
}

export function unknownCode(b: Body<'unknown-code'>, positions: Positions): KnownBlock[] {
  const codes = b.codes.slice(0, 5).map((c) => `\`${echo(c, 100)}\``).join(', ');
  const lead = `I don't know ${codes} yet.`;
  if (b.candidates.length === 0) return sections(`${lead} ${NOTHING}`);
  return candidateBlocks(`${lead} The nearest entries I have:`, b.candidates, positions);
}

export function foreign(b: Body<'foreign'>, positions: Positions): KnownBlock[] {
  const codes = b.codes.slice(0, 5).map((c) => `\`${echo(c, 100)}\``).join(', ');
  return [
    ...sections(`${codes} comes from SAP HANA backup, which shares the Azure Backup extension with SQL Server. My entries cover SQL Server only.`),
    ...actions([linkButton('SAP HANA troubleshooting', b.docsUrl, positions)]),
  ];
}

export function followUp(b: Body<'follow-up'>, positions: Positions): KnownBlock[] {
  const parts = [`*${escape(b.heading)}* · \`${escape(b.entry.id)}\``, escape(b.text)];
  if (b.items && b.items.length > 0) parts.push(b.items.map((i) => `• ${escape(i)}`).join('\n'));
  if (b.code) parts.push(labelledCode(b.code));
  if (b.actions) {
    parts.push(b.actions.map((a, i) => `*${i + 1}.* ${escape(a.text)}${a.code ? `\n${labelledCode(a.code)}` : ''}`).join('\n'));
  }
  parts.push(...pasteLines(b).map((line) => `_${escape(line)}_`));
  const blocks: KnownBlock[] = sections(parts.join('\n'));
  if (b.link) blocks.push(...actions([linkButton('Docs', b.link.url, positions)]));
  return blocks;
}

/** `/sqlbackup <command> <usage>` in one column, what it does in the next; from the command table. */
function commandLines(commands: readonly CommandSpec[]): string {
  const said = commands.map((c) => `/sqlbackup ${c.name}${c.usage ? ` ${c.usage}` : ''}`);
  // A long usage (alerts' filters) would push every summary far right: it gets its own line.
  const width = Math.max(...said.filter((s) => s.length <= 32).map((s) => s.length)) + 2;
  return commands.map((c, i) => (said[i]!.length < width ? `${said[i]!.padEnd(width)}${c.summary}` : `${said[i]!}\n${' '.repeat(width)}${c.summary}`)).join('\n');
}

export function help(b: Body<'help'> = { kind: 'help' }): KnownBlock[] {
  return sections(
    [
      '*sqlbackup* explains Azure Backup failures for SQL Server on Azure VMs.',
      'Paste an error in a channel I am in and I answer in a thread. Ask follow-ups there: _why?_, _how do I fix it?_, _is there a PowerShell command?_',
      codeBlock(commandLines(commandsFor(b.azure === true))),
    ].join('\n'),
  );
}

export function list(b: Body<'list'>): KnownBlock[] {
  return b.groups.flatMap((g) =>
    sections(`*${CATEGORY_LABELS[g.category]}*\n${g.entries.map((e) => `• \`${escape(e.id)}\` ${escape(e.title)}`).join('\n')}`),
  );
}

export function search(b: Body<'search'>, positions: Positions): KnownBlock[] {
  if (b.candidates.length === 0) return sections(`Nothing matches “${echo(b.query)}”. ${NOTHING}`);
  return candidateBlocks(`Closest entries for “${echo(b.query)}”:`, b.candidates, positions);
}

export function stats(b: Body<'stats'>): KnownBlock[] {
  return [
    header('What the team keeps hitting'),
    ...b.windows.flatMap((w) => {
      const lines = w.top.map(
        (r, i) => `${i + 1}. \`${escape(r.id)}\` ${escape(r.title)} · ${answersOf(r)} · ${ratingOf(r)}`,
      );
      return sections(`*${windowHeading(w)}*\n${lines.length > 0 ? lines.join('\n') : `_${NO_ANSWERS}_`}`);
    }),
  ];
}

export function notice(b: Body<'notice'>): KnownBlock[] {
  return sections(`${b.by ? `${whoSlack(b.by)} ` : ''}${escape(b.text)}`);
}

export function thanks(b: Body<'feedback-ack'>, positions: Positions): KnownBlock[] {
  if (b.helpful) return [context(':white_check_mark: Thanks, glad it helped. Your vote makes the next answer better.')];
  const blocks: KnownBlock[] = [context(':memo: Thanks for telling me; this entry gets reviewed.')];
  if (b.alternatives.length > 0) blocks.push(...candidateBlocks('Could it be one of these instead?', b.alternatives, positions));
  else blocks.push(...sections(`Try \`/sqlbackup search <words>\` with the exact message Azure printed.`));
  return blocks;
}
