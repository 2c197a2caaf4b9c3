import MiniSearch from 'minisearch';
import type { Catalog } from '../catalog/index.ts';
import type { Classification, Mode } from '../intents/types.ts';

/**
 * The yardstick: plain full-text search over what the catalog says about each entry, top 5.
 * No code extraction, no thresholds: anything the classifier does better than this is earned.
 */
export function createBaseline(catalog: Catalog): { classify(text: string, mode: Mode): Classification } {
  const index = new MiniSearch<{ id: string; code: string; title: string; summary: string; messages: string; examples: string }>({
    fields: ['code', 'title', 'summary', 'messages', 'examples'],
  });
  index.addAll(
    catalog.entries.map((e) => ({
      id: e.id,
      code: e.id,
      title: e.title,
      summary: e.summary,
      messages: e.messages.map((m) => m.text).join('\n'),
      examples: e.examples.join('\n'),
    })),
  );
  return {
    classify(text) {
      const hits = index.search(text).slice(0, 5);
      const top = hits[0]?.score ?? 1;
      const matches = hits.map((h) => ({ id: String(h.id), score: h.score / top, via: 'text' as const }));
      // A search box always answers when it finds anything; that is the behaviour being compared.
      return { trigger: matches.length > 0, matches, found: [], unknownCodes: [], foreign: null, truncated: false, corrected: [] };
    },
  };
}
