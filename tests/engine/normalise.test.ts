import { describe, expect, it } from 'vitest';
import { foldText, normaliseQuestion, stripDiscordSyntax, tokenise } from '../../src/engine/normalise.ts';

describe('normaliseQuestion', () => {
  it('GIVEN Discord mentions, channels, custom emoji and @everyone THEN they are dropped', () => {
    const q = normaliseQuestion(
      '<@123456789012345678> <@!1> <@&55512> <#42> <:party:12345> @everyone @here who won?',
    );
    expect(q.tokens).toEqual(['who', 'won']);
  });

  it('GIVEN look-alike Cyrillic letters, zero-width and right-to-left characters THEN the word reads as Latin', () => {
    expect(foldText('N\u043Erw\u043E\u043Ed')).toBe('norwood');
    expect(foldText('Bot\u200Btoms\u202E')).toBe('bottoms');
    expect(foldText('ＢＯＴＴＯＭＳ')).toBe('bottoms');
    expect(foldText('Bóttoms')).toBe('bottoms');
  });

  it('GIVEN figures, times and thousands separators THEN they stay single tokens', () => {
    expect(tokenise('50.41% at 12:40, 1,473 votes')).toEqual([
      '50.41',
      'percent',
      'at',
      '12:40',
      '1473',
      'votes',
    ]);
  });

  it('GIVEN contractions THEN negations are kept and clitics dropped', () => {
    expect(tokenise("didn't norwood's who's")).toEqual(['did', 'not', 'norwood', 'who']);
  });

  it('GIVEN a yes/no question, even after filler words THEN it is marked polar', () => {
    expect(normaliseQuestion('Did Norwood win?').polar).toBe(true);
    expect(normaliseQuestion('yo did keisha win??').polar).toBe(true);
    expect(normaliseQuestion('Who won?').polar).toBe(false);
  });

  it('GIVEN links THEN they are removed before matching', () => {
    expect(stripDiscordSyntax('see https://evil.example/x?y=1 and www.x.com')).not.toMatch(/evil|www/);
  });

  it('GIVEN a huge input THEN only the capped prefix is read and it is flagged', () => {
    const q = normaliseQuestion(`${'who won '.repeat(1000)}`);
    expect(q.truncated).toBe(true);
    expect(q.tokens.length).toBeLessThanOrEqual(64);
  });

  it('GIVEN something that is not a string THEN it is treated as empty', () => {
    expect(normaliseQuestion(undefined).tokens).toEqual([]);
    expect(normaliseQuestion(42).tokens).toEqual([]);
  });
});
