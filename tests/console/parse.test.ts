import { describe, expect, it } from 'vitest';
import { parseConsoleInput, parseOptions } from '../../src/console/parse.ts';

describe('parseConsoleInput', () => {
  it.each(['', '   ', '\t'])('GIVEN blank input (%j) THEN nothing to do', (line) => {
    expect(parseConsoleInput(line)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['1', 1],
    [' 12 ', 12],
  ])('GIVEN a number (%j) THEN presses that button', (line, index) => {
    expect(parseConsoleInput(line)).toEqual({ kind: 'button', index });
  });

  it('GIVEN a three-digit number THEN it is a question, not a button', () => {
    expect(parseConsoleInput('2009')).toEqual({ kind: 'question', text: '2009' });
  });

  it('GIVEN a command without options THEN the command with none', () => {
    expect(parseConsoleInput('/margin')).toEqual({ kind: 'command', name: 'margin', options: [], rest: '' });
  });

  it('GIVEN a command with a named option THEN that option', () => {
    expect(parseConsoleInput('/platform candidate:Norwood')).toEqual({
      kind: 'command',
      name: 'platform',
      options: [{ name: 'candidate', value: 'Norwood' }],
      rest: '',
    });
  });

  it('GIVEN an option value with spaces THEN the value runs to the end', () => {
    const input = parseConsoleInput('/candidate name:Mary Norwood');
    expect(input.kind === 'command' && input.options).toEqual([{ name: 'name', value: 'Mary Norwood' }]);
  });

  it('GIVEN a command and text without an option name THEN the text is kept as the rest', () => {
    expect(parseConsoleInput('/ask who won?')).toEqual({
      kind: 'command',
      name: 'ask',
      options: [],
      rest: 'who won?',
    });
  });

  it('GIVEN plain text THEN it is a question, trimmed', () => {
    expect(parseConsoleInput('  who won?  ')).toEqual({ kind: 'question', text: 'who won?' });
  });

  it('GIVEN text with a slash that is not a command THEN it is a question', () => {
    expect(parseConsoleInput('50/50 race?').kind).toBe('question');
  });
});

describe('parseOptions', () => {
  it('GIVEN several options THEN each value runs until the next "key:"', () => {
    expect(parseOptions('candidate:Mary Norwood question:who won the runoff?')).toEqual({
      options: [
        { name: 'candidate', value: 'Mary Norwood' },
        { name: 'question', value: 'who won the runoff?' },
      ],
      rest: '',
    });
  });

  it('GIVEN a quoted value THEN the quotes are dropped', () => {
    expect(parseOptions('name:"Peter Aman"').options).toEqual([{ name: 'name', value: 'Peter Aman' }]);
  });

  it('GIVEN a time like 12:40 THEN it is not read as an option', () => {
    expect(parseOptions('question:what happened at 12:40 a.m.?').options).toEqual([
      { name: 'question', value: 'what happened at 12:40 a.m.?' },
    ]);
  });

  it('GIVEN text before the first option THEN it is the rest', () => {
    expect(parseOptions('norwood candidate:x')).toEqual({
      options: [{ name: 'candidate', value: 'x' }],
      rest: 'norwood',
    });
  });

  it('GIVEN no options THEN the trimmed text is the rest', () => {
    expect(parseOptions('  who won?  ')).toEqual({ options: [], rest: 'who won?' });
  });
});
