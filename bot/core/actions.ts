import type { Entry } from '../../catalog/index.ts';
import { alertAction } from './alerts/actions.ts';
import { azureAction } from './azure/act.ts';
import { othersThan, refOf, toCandidates } from './candidates.ts';
import type { CoreDeps } from './deps.ts';
import { recordFeedback } from './feedback.ts';
import { loadThread, saveThread } from './thread-context.ts';
import type { Incoming, Place, Reply } from './types.ts';
import { countUsage } from './usage.ts';

const GONE: Reply = {
  body: { kind: 'notice', text: 'That entry is no longer in the catalog. Try `/sqlbackup list`.' },
  delivery: 'ephemeral',
};

/** A button press on one of the bot's cards. */
export async function handleAction(deps: CoreDeps, incoming: Extract<Incoming, { type: 'action' }>): Promise<Reply> {
  const { place, user, action } = incoming;
  const who = { id: user, ...(incoming.userName ? { name: incoming.userName } : {}) };
  switch (action.kind) {
    case 'pick': {
      const entry = deps.catalog.get(action.entryId);
      if (!entry) return GONE;
      const context = await loadThread(deps, place);
      const others = context?.candidateIds.filter((id) => id !== entry.id) ?? [];
      if (place.thread !== null || place.space === 'dm') await saveThread(deps, place, { entryId: entry.id, candidateIds: others });
      await countUsage(deps, entry.id, 'answered');
      const alternatives = others.length > 0 ? toCandidates(deps.catalog, others.map((id) => ({ id, score: 0 }))) : [];
      return { body: { kind: 'entries', entries: [entry], alternatives }, delivery: 'replace' };
    }
    case 'feedback': {
      const entry = deps.catalog.get(action.entryId);
      if (!entry) return GONE;
      await recordFeedback(deps, place, user, entry.id, action.helpful);
      const alternatives = action.helpful ? [] : await alternativesTo(deps, place, entry);
      return {
        body: { kind: 'feedback-ack', helpful: action.helpful, entry: refOf(entry), alternatives, detail: entry },
        delivery: 'replace',
      };
    }
    case 'share': {
      const entries = action.entryIds.map((id) => deps.catalog.get(id)).filter((e): e is Entry => e !== undefined);
      if (entries.length === 0) return GONE;
      return { body: { kind: 'entries', entries, alternatives: [] }, delivery: 'channel' };
    }
    case 'more': {
      const entry = deps.catalog.get(action.entryId);
      if (!entry) return GONE;
      return { body: { kind: 'entries', entries: [entry], alternatives: [], expanded: true }, delivery: 'thread' };
    }
    case 'alert':
      return alertAction(deps, place, who, action, incoming.id);
    case 'azure':
      return azureAction(deps, place, who, action, incoming.id);
  }
}

async function alternativesTo(deps: CoreDeps, place: Place, entry: Entry) {
  return othersThan(deps.catalog, entry, (await loadThread(deps, place))?.candidateIds ?? []);
}
