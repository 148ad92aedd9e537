import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { focusedOption, MAX_OPTION_LENGTH, readOptions } from '../../src/commands/options.ts';
import { type CommandDefinition, UserError } from '../../src/commands/types.ts';
import { userError } from '../support/bot.ts';

const DEF: CommandDefinition = {
  name: 'demo',
  description: 'A command with one option of each kind',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'text', description: 'text', required: true },
    { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'count' },
    { type: ApplicationCommandOptionType.Number, name: 'share', description: 'share' },
    { type: ApplicationCommandOptionType.Boolean, name: 'flag', description: 'flag' },
  ],
};

describe('readOptions', () => {
  it('GIVEN options of each type THEN returns them by name', () => {
    const out = readOptions(DEF, [
      { name: 'text', value: 'Norwood' },
      { name: 'count', value: 3 },
      { name: 'share', value: 50.41 },
      { name: 'flag', value: true },
    ]);
    expect(Object.fromEntries(out)).toEqual({ text: 'Norwood', count: 3, share: 50.41, flag: true });
  });

  it('GIVEN only the required option THEN the optional ones are absent', () => {
    expect([...readOptions(DEF, [{ name: 'text', value: 'x' }]).keys()]).toEqual(['text']);
  });

  it('GIVEN an option the command does not have THEN a UserError names it and the command', () => {
    const err = userError(() => readOptions(DEF, [{ name: 'colour', value: 'red' }]));
    expect(err.message).toContain('"colour"');
    expect(err.message).toContain('/demo');
  });

  it('GIVEN a very long unknown option name THEN the message repeats at most 32 characters of it', () => {
    const err = userError(() => readOptions(DEF, [{ name: 'z'.repeat(500), value: 1 }]));
    expect(err.message).not.toContain('z'.repeat(33));
  });

  it.each([
    ['a number for a text option', 'text', 5, 'must be text'],
    ['text for an integer option', 'count', 'three', 'must be a number'],
    ['infinity for a number option', 'share', Number.POSITIVE_INFINITY, 'must be a number'],
    ['text for a true/false option', 'flag', 'yes', 'must be true or false'],
  ])('GIVEN %s THEN a UserError names the option', (_what, name, value, says) => {
    const raw =
      name === 'text'
        ? [{ name, value }]
        : [
            { name: 'text', value: 'x' },
            { name, value },
          ];
    const err = userError(() => readOptions(DEF, raw));
    expect(err.message).toContain(`"${name}"`);
    expect(err.message).toContain(says);
  });

  it('GIVEN the same option twice THEN a UserError says so', () => {
    const err = userError(() =>
      readOptions(DEF, [
        { name: 'text', value: 'a' },
        { name: 'text', value: 'b' },
      ]),
    );
    expect(err.message).toContain('"text" was given twice');
  });

  it('GIVEN a required option missing THEN a UserError names it', () => {
    const err = userError(() => readOptions(DEF, [{ name: 'count', value: 1 }]));
    expect(err.message).toContain('needs the "text" option');
  });

  it('GIVEN no options at all for a command that needs one THEN a UserError names it', () => {
    expect(() => readOptions(DEF, undefined)).toThrow(UserError);
  });

  it('GIVEN text longer than any command reads THEN it is refused with the limit', () => {
    expect(() => readOptions(DEF, [{ name: 'text', value: 'x'.repeat(MAX_OPTION_LENGTH + 500) }])).toThrow(
      new UserError(`/${DEF.name}: "text" can be at most ${MAX_OPTION_LENGTH} characters.`),
    );
  });

  it("GIVEN text over the option's own max_length (a forged request) THEN it is refused", () => {
    const def = {
      name: 'ask',
      description: 'a',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'question', description: 'q', max_length: 10 },
      ],
    } satisfies CommandDefinition;
    expect(() => readOptions(def, [{ name: 'question', value: 'x'.repeat(11) }])).toThrow(
      /at most 10 characters/,
    );
    expect(readOptions(def, [{ name: 'question', value: 'x'.repeat(10) }]).get('question')).toBe(
      'x'.repeat(10),
    );
  });

  it('GIVEN a command without options and none given THEN returns nothing', () => {
    expect(readOptions({ name: 'results', description: 'r' }, undefined).size).toBe(0);
  });
});

describe('focusedOption', () => {
  it('GIVEN an autocomplete request THEN returns the option being typed', () => {
    expect(
      focusedOption([
        { name: 'text', value: 'done' },
        { name: 'count', value: 'no', focused: true },
      ]),
    ).toEqual({ name: 'count', value: 'no' });
  });

  it('GIVEN more than 100 characters typed THEN only the first 100 are used', () => {
    expect(focusedOption([{ name: 'text', value: 'n'.repeat(300), focused: true }])?.value).toHaveLength(100);
  });

  it('GIVEN nothing focused THEN returns undefined', () => {
    expect(focusedOption([{ name: 'text', value: 'x' }])).toBeUndefined();
  });
});
