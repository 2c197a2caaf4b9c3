import { commandsFor } from '../core/commands.ts';
import type { AcNode } from './adaptive-elements.ts';
import { label, note } from './adaptive-elements.ts';

/**
 * The help card: what to send and where, in Teams terms. Fixed wording only, so plain
 * TextBlocks are safe here.
 */

const LINES = [
  'Paste an Azure Backup failure for SQL Server on an Azure VM: the portal error, PowerShell or az output, the alert e-mail or a log line. Plain words work too, like "log chain is broken again".',
  'In a channel, mention me with the error in the same message. In a chat with me, just paste it.',
  'I answer with what the error means, its likely causes, the steps to fix it and the docs.',
  'Ask follow-up questions in the same thread (in a channel, mention me again): "what about the master database?", "PowerShell?", "is it safe to retry?".',
];

export function helpCard<C>(card: (fallback: string, body: readonly AcNode[]) => C, azure = false): C {
  const body: AcNode[] = [
    label('SQL Backup helper'),
    ...LINES.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'small' })),
    label('Commands'),
    ...commandsFor(azure).map((c) => note(`${c.name}${c.usage ? ` ${c.usage}` : ''}: ${c.summary}`)),
  ];
  return card('How to use the SQL Backup helper', body);
}
