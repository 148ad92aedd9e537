import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { textReply } from '../../src/commands/reply.ts';
import type { Command, CommandDefinition } from '../../src/commands/types.ts';
import { validateCommands } from '../../src/commands/validate.ts';

function command(data: CommandDefinition): Command {
  return { data, execute: () => ({ reply: textReply('ok') }) };
}

const GOOD = command({ name: 'results', description: 'The runoff result' });

function option(name: string, required: boolean, description = 'An option'): APIApplicationCommandOption {
  return { type: ApplicationCommandOptionType.String, name, description, required };
}

/** The message validateCommands throws for these files; fails the test if it does not throw. */
function problem(files: readonly (readonly [string, Command])[]): string {
  try {
    validateCommands(files);
  } catch (err) {
    if (err instanceof Error) return err.message;
    throw err;
  }
  throw new Error('expected validateCommands to throw');
}

describe('validateCommands', () => {
  it('GIVEN valid commands THEN does not throw', () => {
    expect(() =>
      validateCommands([
        ['results.ts', GOOD],
        [
          'platform.ts',
          command({ name: 'platform', description: 'x', options: [option('candidate', true)] }),
        ],
        ['menu.ts', command({ name: 'Ask the election bot', type: ApplicationCommandType.Message })],
      ]),
    ).not.toThrow();
  });

  it('GIVEN a command name with capitals or spaces THEN the error names the file and the name', () => {
    const message = problem([
      ['results.ts', GOOD],
      ['bad-name.ts', command({ name: 'Bad Name', description: 'x' })],
    ]);
    expect(message).toMatch(/^src\/commands\/bad-name\.ts: /);
    expect(message).toContain('"Bad Name"');
  });

  it('GIVEN a missing or over-long description THEN the error names the file', () => {
    expect(problem([['empty.ts', command({ name: 'empty', description: '' })]])).toMatch(
      /^src\/commands\/empty\.ts: .*description/,
    );
    expect(problem([['long.ts', command({ name: 'long', description: 'd'.repeat(101) })]])).toMatch(
      /^src\/commands\/long\.ts: /,
    );
  });

  it('GIVEN a required option after an optional one THEN the error names the file and the option', () => {
    const message = problem([
      [
        'order.ts',
        command({ name: 'order', description: 'x', options: [option('a', false), option('b', true)] }),
      ],
    ]);
    expect(message).toMatch(/^src\/commands\/order\.ts: /);
    expect(message).toContain('"b"');
  });

  it('GIVEN a bad option name or description THEN the error names the option', () => {
    expect(
      problem([['o.ts', command({ name: 'o', description: 'x', options: [option('Bad', true)] })]]),
    ).toContain('"Bad"');
    expect(
      problem([['o.ts', command({ name: 'o', description: 'x', options: [option('fine', true, '')] })]]),
    ).toContain('"fine"');
  });

  it('GIVEN more than 25 options THEN the error names the file', () => {
    const options = Array.from({ length: 26 }, (_, i) => option(`o${i}`, false));
    expect(problem([['many.ts', command({ name: 'many', description: 'x', options })]])).toMatch(
      /^src\/commands\/many\.ts: more than 25 options/,
    );
  });

  it('GIVEN two commands with the same name THEN the error names the second file', () => {
    const message = problem([
      ['results.ts', GOOD],
      ['results-again.ts', command({ name: 'results', description: 'again' })],
    ]);
    expect(message).toMatch(/^src\/commands\/results-again\.ts: /);
  });

  it('GIVEN a slash command and a context menu with the same name THEN both are allowed', () => {
    expect(() =>
      validateCommands([
        ['a.ts', command({ name: 'ask', description: 'x' })],
        ['b.ts', command({ name: 'ask', type: ApplicationCommandType.Message })],
      ]),
    ).not.toThrow();
  });

  it('GIVEN a context-menu name over 32 characters THEN the error names the file', () => {
    expect(
      problem([['menu.ts', command({ name: 'm'.repeat(33), type: ApplicationCommandType.Message })]]),
    ).toMatch(/^src\/commands\/menu\.ts: /);
  });
});
