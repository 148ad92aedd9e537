/** The start-up shape check of command definitions, against Discord's rules for them. */
import { type APIApplicationCommandOption, ApplicationCommandType } from 'discord-api-types/v10';
import type { Command } from './types.ts';

const CHAT_INPUT_NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

function checkOptions(options: readonly APIApplicationCommandOption[], where: string): string | undefined {
  if (options.length > 25) return `${where}: more than 25 options`;
  let optionalSeen = false;
  for (const o of options) {
    if (!CHAT_INPUT_NAME.test(o.name))
      return `${where}: option name "${o.name}" is not 1-32 lowercase characters`;
    if (!o.description || o.description.length > 100)
      return `${where}: option "${o.name}" needs a description of 1-100 characters`;
    const required = 'required' in o && o.required === true;
    if (required && optionalSeen) return `${where}: required option "${o.name}" after an optional one`;
    if (!required) optionalSeen = true;
  }
  return undefined;
}

/** Throws `Error("<file>: <problem>")` for the first definition Discord would refuse. */
export function validateCommands(files: readonly (readonly [string, Command])[]): void {
  const names = new Set<string>();
  for (const [file, command] of files) {
    const d = command.data;
    const where = `src/commands/${file}`;
    const type = 'type' in d && d.type !== undefined ? d.type : ApplicationCommandType.ChatInput;
    if (type === ApplicationCommandType.ChatInput) {
      if (!CHAT_INPUT_NAME.test(d.name))
        throw new Error(`${where}: command name "${d.name}" is not 1-32 lowercase characters`);
      const desc = 'description' in d ? d.description : undefined;
      if (!desc || desc.length > 100) throw new Error(`${where}: needs a description of 1-100 characters`);
      const problem = checkOptions('options' in d && d.options ? d.options : [], where);
      if (problem) throw new Error(problem);
    } else if (d.name.length < 1 || d.name.length > 32) {
      throw new Error(`${where}: context-menu name must be 1-32 characters`);
    }
    const key = `${type}:${d.name}`;
    if (names.has(key)) throw new Error(`${where}: a second command named "${d.name}"`);
    names.add(key);
    if (typeof command.execute !== 'function') throw new Error(`${where}: no execute function`);
  }
}
