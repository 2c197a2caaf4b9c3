import { createRequire } from 'node:module';

/**
 * Checks a card with the Adaptive Cards SDK itself (the ESM build does not load on Node,
 * hence require) plus the rules the SDK is too lenient to enforce.
 */

interface AcEvent { readonly message: string }
interface AcSdk {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: AcEvent[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): AcEvent };
}

const require = createRequire(import.meta.url);
const sdk = require('adaptivecards/dist/adaptivecards.js') as AcSdk;

const KNOWN_TYPES = new Set([
  'AdaptiveCard', 'TextBlock', 'RichTextBlock', 'TextRun', 'Container', 'ColumnSet', 'Column',
  'ActionSet', 'Action.Submit', 'Action.OpenUrl', 'FactSet', 'Image',
  // Only in the full-backup confirmation dialog: the retention in days.
  'Input.Number',
]);

/** Every object with a `type` in the card, depth first. */
export function nodesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodesOf);
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = typeof node.type === 'string' ? [node] : [];
  const children = Object.entries(node)
    .filter(([key]) => key !== 'data')
    .flatMap(([, child]) => nodesOf(child));
  return [...own, ...children];
}

/** Problems found; an empty list means the card is valid. */
export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  const card = new sdk.AdaptiveCard();
  const ctx = new sdk.SerializationContext();
  card.parse(json, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const root = json as { version?: unknown; type?: unknown };
  if (root.type !== 'AdaptiveCard' || root.version !== '1.5') problems.push('not an AdaptiveCard 1.5');
  for (const node of nodesOf(json)) {
    if (!KNOWN_TYPES.has(node.type as string)) problems.push(`unexpected element type ${String(node.type)}`);
    if (node.type === 'Action.OpenUrl' && !/^https:\/\//.test(String(node.url))) problems.push(`non-https link ${String(node.url)}`);
    if (node.type === 'TextBlock' && node.wrap !== true) problems.push(`TextBlock without wrap: ${String(node.text)}`);
    if (typeof node.title === 'string' && String(node.type).startsWith('Action.') && node.title.trim() === '') problems.push('action without title');
  }
  return problems;
}
