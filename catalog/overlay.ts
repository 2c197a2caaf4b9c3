import { z } from 'zod';
import { actionSchema, facetSchema, webUrl, type Entry } from './schema.ts';

/**
 * An operator's addition to a built-in entry: the team's runbook, owner and on-call
 * contact, and extra steps or phrasings, without copying the entry. Lists are appended to
 * the built-in ones; single values are set (an overlay may not change what Azure prints or
 * what the docs say, so those fields are not accepted here).
 */
export const overlaySchema = z.strictObject({
  extends: z.string().trim().min(1),
  runbook: webUrl.optional(),
  owner: z.string().trim().min(1).optional(),
  escalation: z.string().trim().min(1).optional(),
  causes: z.array(z.string().trim().min(1)).optional(),
  actions: z.array(actionSchema).optional(),
  facets: z.array(facetSchema).optional(),
  examples: z.array(z.string().trim().min(1)).optional(),
  aliases: z.array(z.string().trim().min(1)).optional(),
  related: z.array(z.string().trim().min(1)).optional(),
});

export type Overlay = z.infer<typeof overlaySchema>;

/** Applies an overlay; an operator facet on a topic the entry already answers replaces it. */
export function applyOverlay(entry: Entry, overlay: Overlay): Entry {
  const facets = overlay.facets ?? [];
  const replaced = new Set(facets.map((f) => f.topic));
  return {
    ...entry,
    ...(overlay.runbook === undefined ? {} : { runbook: overlay.runbook }),
    ...(overlay.owner === undefined ? {} : { owner: overlay.owner }),
    ...(overlay.escalation === undefined ? {} : { escalation: overlay.escalation }),
    causes: [...entry.causes, ...(overlay.causes ?? [])],
    actions: [...entry.actions, ...(overlay.actions ?? [])],
    facets: [...entry.facets.filter((f) => !replaced.has(f.topic)), ...facets],
    examples: [...entry.examples, ...(overlay.examples ?? [])],
    aliases: [...entry.aliases, ...(overlay.aliases ?? [])],
    related: [...new Set([...entry.related, ...(overlay.related ?? [])])],
  };
}
