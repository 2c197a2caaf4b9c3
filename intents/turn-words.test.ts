import { describe, expect, it } from 'vitest';
import { asksSomething } from './turn-words.ts';

describe('asksSomething', () => {
  it('hears a question after the small words people open with, and without its apostrophe', () => {
    for (const text of ["btw what's the guest wifi password", 'ok so how do I check the recovery model', 'whats the retention on that', 'also, which node has to be registered', 'quick q: does it work for msdb']) {
      expect(asksSomething(text), text).toBe(true);
    }
  });

  it('does not take a statement for a question', () => {
    for (const text of ['thanks, that fixed it', 'ok', 'btw the backup finished', 'so it was the recovery model after all']) expect(asksSomething(text), text).toBe(false);
  });
});
