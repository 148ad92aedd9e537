import { existsSync } from 'node:fs';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertCommandsValid, COMMAND_FILES, COMMANDS, findCommand } from '../../src/commands/index.ts';
import type { RawOption } from '../../src/commands/options.ts';
import { type Command, type CommandOutcome, UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { limitProblems, loadTestEngine, MODERATOR, runCommand } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

/** Questions that stress replies: answered, declined, hostile, long. */
const QUESTIONS = [
  'who won?',
  'how close was it?',
  'what did norwood promise?',
  'who should I vote for?',
  'who will win the recount?',
  'tell me about pizza',
  '@everyone <@123> **who** won? [x](https://evil.example) ||spoiler|| ```',
  `what happened ${'in the runoff '.repeat(70)}`,
  '',
];

/** Values to try for each option name; a new required option without samples fails the test. */
function samplesFor(command: Command, option: string): string[] {
  const fromAutocomplete =
    command.autocomplete?.({ engine, focused: { name: option, value: '' } }).map((c) => c.value) ?? [];
  const typed: Record<string, string[]> = {
    candidate: ['Norwood', 'keisha lance bottoms', 'norwod'],
    name: ['Peter Aman', 'Kasim Reed', 'AJC'],
    question: QUESTIONS,
  };
  return [...fromAutocomplete, ...(typed[option] ?? [])];
}

/** Every invocation worth trying for a command: no options, and each sample of each option. */
function invocations(command: Command): RawOption[][] {
  const options = 'options' in command.data ? (command.data.options ?? []) : [];
  const required = options.filter((o) => 'required' in o && o.required);
  const runs: RawOption[][] = required.length === 0 ? [[]] : [];
  for (const o of options) {
    const samples = samplesFor(command, o.name);
    if (samples.length === 0) throw new Error(`add sample values for /${command.data.name} ${o.name}`);
    for (const value of samples) runs.push([{ name: o.name, value }]);
  }
  return runs;
}

/** Runs a command, keeping only the outcomes of successful runs (a UserError is a fine answer). */
function outcomes(command: Command): CommandOutcome[] {
  if ('type' in command.data && command.data.type === ApplicationCommandType.Message) {
    return QUESTIONS.map((content) =>
      runCommand(engine, command.data.name, [], { invoker: MODERATOR, targetMessage: { id: '1', content } }),
    );
  }
  const out: CommandOutcome[] = [];
  for (const raw of invocations(command)) {
    try {
      out.push(runCommand(engine, command.data.name, raw, { invoker: MODERATOR }));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
    }
  }
  return out;
}

describe('COMMANDS', () => {
  it('GIVEN the real command list THEN it passes the start-up shape check', () => {
    expect(() => assertCommandsValid()).not.toThrow();
  });

  it('GIVEN each command THEN the file it is reported by exists', () => {
    for (const [file] of COMMAND_FILES) {
      expect(existsSync(new URL(`../../src/commands/${file}`, import.meta.url)), file).toBe(true);
    }
  });

  it('GIVEN each registered name THEN findCommand finds that command, and nothing for an unknown name', () => {
    for (const c of COMMANDS) expect(findCommand(c.data.name)).toBe(c);
    expect(findCommand('no-such-command')).toBeUndefined();
  });

  it.each(COMMANDS.map((c) => [c.data.name, c] as const))(
    'GIVEN /%s with every sample input THEN every reply fits Discord and pings nobody',
    (_name, command) => {
      const results = outcomes(command);
      expect(results.length).toBeGreaterThan(0);
      for (const { reply, effect } of results) {
        expect(limitProblems(reply)).toEqual([]);
        expect(reply.allowed_mentions.parse).toEqual([]);
        if (effect?.kind === 'pin-summary') expect(limitProblems(effect.message)).toEqual([]);
      }
    },
  );
});
