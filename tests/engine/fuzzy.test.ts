import { describe, expect, it } from 'vitest';
import { commonEnglishWords, createCorrector, editDistance } from '../../src/engine/fuzzy.ts';

describe('editDistance', () => {
  it('GIVEN a transposition THEN it counts as one edit', () => {
    expect(editDistance('kiesha', 'keisha', 2)).toBe(1);
  });
  it('GIVEN strings further apart than the bound THEN it stops at bound + 1', () => {
    expect(editDistance('norwood', 'bottoms', 2)).toBe(3);
  });
});

describe('createCorrector', () => {
  const corrector = createCorrector(
    ['norwood', 'recount', 'percentage', 'past', 'call', 'bottoms'],
    commonEnglishWords(),
  );

  it('GIVEN a misspelt name or keyword THEN it returns the vocabulary word', () => {
    expect(corrector.correct('norwod')).toBe('norwood');
    expect(corrector.correct('recout')).toBe('recount');
    expect(corrector.correct('percantage')).toBe('percentage');
    expect(corrector.correct('botoms')).toBe('bottoms');
  });

  it('GIVEN a common English word THEN it is never "corrected" into the vocabulary', () => {
    expect(corrector.correct('pasta')).toBeUndefined();
  });

  it('GIVEN a three-letter token THEN only a one-letter insertion is accepted', () => {
    expect(corrector.correct('cal')).toBe('call');
    expect(corrector.correct('bot')).toBeUndefined();
  });

  it('GIVEN two equally close words THEN the commoner slip wins (a missing letter, then a swap)', () => {
    const c = createCorrector(['mayor', 'mary', 'again', 'asian'], commonEnglishWords());
    expect(c.correct('mayr')).toBe('mayor');
    expect(c.correct('agian')).toBe('again');
  });

  it('GIVEN gibberish THEN nothing is returned', () => {
    expect(corrector.correct('asdfghjkl')).toBeUndefined();
  });
});
