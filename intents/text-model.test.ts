import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { createClassifier } from './index.ts';
import { buildTextModel, scoreText } from './text-model.ts';

const catalog = loadCatalog();
const model = buildTextModel(catalog.entries);
const classifier = createClassifier(catalog);

describe('scoreText', () => {
  it('gives a one-word reply little weight even when the word is in the catalog', () => {
    for (const text of ['exactly', 'yes exactly', 'restore?']) {
      expect(scoreText(text, model)[0]?.score ?? 0, text).toBeLessThan(0.4);
    }
  });

  it('ranks the entry that explains a symptom report first', () => {
    const top = (text: string) => scoreText(text, model)[0]?.id;
    expect(top('the SQL VM guest agent is not ready and every backup on the box fails')).toBe('GuestAgentStatusUnavailableUserError');
    expect(top('how do I exclude the backup plugin folders from the antivirus scanner')).toBe('antivirus-exclusions');
  });
});

describe('channel mode on plain words', () => {
  it('answers a DBA who asks the channel about a backup problem in the catalog', () => {
    const r = classifier.classify('do I have to re-register the SQL VM with the vault after reinstalling the backup extension?', 'channel');
    expect(r.trigger).toBe(true);
    expect(r.matches[0]?.id).toBe('reregister-extension');
  });

  it('stays quiet on everyday questions about databases and backups', () => {
    for (const text of [
      'what time is the backup window for the warehouse tonight?',
      'how do I check the recovery model of a database?',
      "what's the difference between full and differential backups?",
      'is the restore drill still on for Friday?',
      'how long do we keep log backups in the vault?',
      'who owns the sql01 backup alerts?',
      // About SQL Server, not about Azure Backup: a DBA colleague answers these.
      'why is the transaction log on Orders so big? checking log_reuse_wait_desc',
      'is the sysadmin role really needed for the monitoring account?',
    ]) {
      expect(classifier.classify(text, 'channel').trigger, text).toBe(false);
    }
  });
});
