import { describe, expect, it } from 'vitest';
import { TEXT, unknownCandidate, unknownOption, unknownPerson } from '../../src/replies/strings.ts';

describe('strings', () => {
  it('GIVEN an unknown candidate THEN the message repeats the input and names both candidates', () => {
    const msg = unknownCandidate('xyz', ['Keisha Lance Bottoms', 'Mary Norwood']);
    expect(msg).toContain('"xyz"');
    expect(msg).toContain('Keisha Lance Bottoms and Mary Norwood');
  });

  it('GIVEN an unknown person THEN the message lists who can be looked up', () => {
    expect(unknownPerson('bob', ['A', 'B', 'C'])).toContain('A, B, C');
  });

  it('GIVEN an unknown option THEN the message names the command and the option', () => {
    expect(unknownOption('colour', 'platform')).toBe('/platform has no option "colour".');
  });

  it('GIVEN the text table THEN it cannot be changed at run time', () => {
    expect(Object.isFrozen(TEXT)).toBe(true);
  });
});
