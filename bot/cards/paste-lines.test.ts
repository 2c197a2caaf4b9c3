import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { validateCard } from '../../test/teams/validate-card.ts';
import type { Reply } from '../core/types.ts';
import { renderCards } from './adaptive-card.ts';
import { renderBodyText } from './plain-text.ts';
import { renderSlack } from './slack-blocks.ts';

const catalog = loadCatalog();
const entry = catalog.get('UserErrorSQLPODoesNotSupportBackupType')!;
const reply: Reply = {
  delivery: 'thread',
  body: {
    kind: 'entries',
    entries: [entry],
    alternatives: [],
    details: { database: '<!channel> **x**', backupType: 'Differential', server: 'sqlvm-01' },
    advice: ['master takes full backups only, so this differential backup of master will never run.'],
    filled: ['database = <!channel> **x**'],
    corrected: [{ from: 'UserErrorSQLPODoesNotSupportBackupTyp', to: entry.id }],
  },
};

describe('what the bot read from the paste', () => {
  it('is shown on the Slack card, escaped so a name can never ping the channel', () => {
    const text = JSON.stringify(renderSlack(reply).blocks);
    expect(text).toContain('From your paste: &lt;!channel&gt; **x** · Differential backup · sqlvm-01');
    expect(text).toContain('never run');
    expect(text).toContain('Read \\"UserErrorSQLPODoesNotSupportBackupTyp\\" as UserErrorSQLPODoesNotSupportBackupType');
    expect(text).not.toContain('<!channel>');
  });

  it('is shown on the Teams card, which stays a valid Adaptive Card', () => {
    const [card] = renderCards(reply);
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('never run');
    expect(JSON.stringify(card)).toContain('Filled in the commands from your paste');
  });

  it('never shows a message the entry does not own under "What Azure says"', () => {
    for (const e of catalog.entries) {
      const owned = e.messages.filter((m) => m.match).map((m) => m.text);
      const text = renderBodyText({ kind: 'entries', entries: [e], alternatives: [] });
      const shown = /Azure says:\n {2}(.*)/.exec(text)?.[1];
      if (shown !== undefined) expect(owned, e.id).toContain(shown);
    }
  });
});
