/**
 * Every command the bot serves, in one plain list (no folder scanning). The same list is
 * registered with Discord, served by the gateway bot and the HTTP endpoint, and by the console.
 */
import { annexation } from './annexation.ts';
import { ask } from './ask.ts';
import { askMessage } from './ask-message.ts';
import { candidate } from './candidate.ts';
import { compare } from './compare.ts';
import { endorsements } from './endorsements.ts';
import { makeHelp } from './help.ts';
import { margin } from './margin.ts';
import { platform } from './platform.ts';
import { poll } from './poll.ts';
import { recount } from './recount.ts';
import { reload } from './reload.ts';
import { results } from './results.ts';
import { source } from './source.ts';
import { summary } from './summary.ts';
import { timeline } from './timeline.ts';
import type { Command } from './types.ts';
import { validateCommands } from './validate.ts';

const help = makeHelp(() => COMMANDS);

/** Each command with the file it lives in, so a bad definition is reported by file. */
export const COMMAND_FILES: readonly (readonly [file: string, command: Command])[] = [
  ['results.ts', results],
  ['margin.ts', margin],
  ['platform.ts', platform],
  ['endorsements.ts', endorsements],
  ['compare.ts', compare],
  ['poll.ts', poll],
  ['recount.ts', recount],
  ['annexation.ts', annexation],
  ['timeline.ts', timeline],
  ['candidate.ts', candidate],
  ['source.ts', source],
  ['ask.ts', ask],
  ['summary.ts', summary],
  ['reload.ts', reload],
  ['help.ts', help],
  ['ask-message.ts', askMessage],
];

export const COMMANDS: readonly Command[] = COMMAND_FILES.map(([, c]) => c);

/** Looks a command up by its registered name. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.data.name === name);
}

/** Checks every definition against Discord's rules; throws naming the file of the first bad one. */
export function assertCommandsValid(): void {
  validateCommands(COMMAND_FILES);
}
