import type { KnownBlock } from '@slack/types';
import { LIMITS } from './slack-text.ts';

/**
 * Every Block Kit limit a message of ours can run into, as a list of violations (empty when
 * valid). Used by tests and as a cheap guard before posting: Slack rejects the whole
 * message with `invalid_blocks` when one limit is broken.
 */
export function blockKitViolations(blocks: readonly KnownBlock[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks (max ${LIMITS.blocks})`);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    if (block.type === 'section' && block.text && block.text.text.length > LIMITS.sectionText) {
      problems.push(`${at}: text ${block.text.text.length} > ${LIMITS.sectionText}`);
    }
    if (block.type === 'section' && block.text && block.text.text.length === 0) problems.push(`${at}: empty text`);
    if (block.type === 'header' && block.text.text.length > LIMITS.headerText) problems.push(`${at}: header ${block.text.text.length} > ${LIMITS.headerText}`);
    if (block.type === 'context') {
      if (block.elements.length > LIMITS.contextElements) problems.push(`${at}: ${block.elements.length} elements`);
      for (const e of block.elements) if ('text' in e && e.text.length > LIMITS.sectionText) problems.push(`${at}: element text too long`);
    }
    if (block.type === 'actions') {
      if (block.elements.length > LIMITS.actionsElements) problems.push(`${at}: ${block.elements.length} elements`);
      for (const e of block.elements) {
        if (e.type !== 'button') continue;
        if (e.text.text.length > LIMITS.buttonText) problems.push(`${at}: button text "${e.text.text}" > ${LIMITS.buttonText}`);
        if ((e.value?.length ?? 0) > LIMITS.buttonValue) problems.push(`${at}: button value > ${LIMITS.buttonValue}`);
        const id = e.action_id ?? '';
        if (id.length === 0 || id.length > LIMITS.actionId) problems.push(`${at}: action_id "${id}" length`);
        if (ids.has(id)) problems.push(`${at}: duplicate action_id ${id}`);
        ids.add(id);
      }
    }
  });
  return problems;
}
