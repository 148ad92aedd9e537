/**
 * Reading a command's options: the raw name/value pairs a transport delivers are checked against
 * the command's own definition (known names, right types, required ones present), so a forged or
 * outdated request gets a clear message instead of reaching a command.
 */
import { type APIApplicationCommandOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { echoUserText } from '../replies/sanitize.ts';
import { unknownOption } from '../replies/strings.ts';
import { type CommandDefinition, type OptionValue, UserError } from './types.ts';

/** One option as transports deliver it (Discord's interaction data). */
export interface RawOption {
  readonly name: string;
  readonly type?: number;
  readonly value?: unknown;
  readonly focused?: boolean;
}

/** The longest string option value a command reads. */
export const MAX_OPTION_LENGTH = 6000;

function definedOptions(def: CommandDefinition): readonly APIApplicationCommandOption[] {
  return 'options' in def && Array.isArray(def.options) ? def.options : [];
}

function coerce(opt: APIApplicationCommandOption, value: unknown, command: string): OptionValue {
  switch (opt.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') throw new UserError(`/${command}: "${opt.name}" must be text.`);
      // Discord enforces these for its own clients; a forged request is held to them here.
      const max = Math.min(opt.max_length ?? MAX_OPTION_LENGTH, MAX_OPTION_LENGTH);
      if (value.length > max)
        throw new UserError(`/${command}: "${opt.name}" can be at most ${max} characters.`);
      if (opt.min_length !== undefined && value.length < opt.min_length) {
        throw new UserError(`/${command}: "${opt.name}" needs at least ${opt.min_length} characters.`);
      }
      if (opt.choices && !opt.choices.some((c) => c.value === value)) {
        throw new UserError(
          `/${command}: "${echoUserText(value, 50)}" is not one of the choices for "${opt.name}".`,
        );
      }
      return value;
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new UserError(`/${command}: "${opt.name}" must be a number.`);
      }
      if (opt.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value)) {
        throw new UserError(`/${command}: "${opt.name}" must be a whole number.`);
      }
      if (
        (opt.min_value !== undefined && value < opt.min_value) ||
        (opt.max_value !== undefined && value > opt.max_value)
      ) {
        throw new UserError(`/${command}: "${opt.name}" is out of range.`);
      }
      return value;
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean')
        throw new UserError(`/${command}: "${opt.name}" must be true or false.`);
      return value;
    default:
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      throw new UserError(`/${command}: "${opt.name}" has a value I cannot read.`);
  }
}

/** Checks raw options against a definition; throws UserError naming the first problem. */
export function readOptions(
  def: CommandDefinition,
  raw: readonly RawOption[] | undefined,
): Map<string, OptionValue> {
  const defined = definedOptions(def);
  const out = new Map<string, OptionValue>();
  for (const r of raw ?? []) {
    const opt = defined.find((o) => o.name === r.name);
    if (!opt) throw new UserError(unknownOption(String(r.name).slice(0, 32), def.name));
    if (out.has(opt.name)) throw new UserError(`/${def.name}: "${opt.name}" was given twice.`);
    out.set(opt.name, coerce(opt, r.value, def.name));
  }
  for (const opt of defined) {
    if ('required' in opt && opt.required && !out.has(opt.name)) {
      throw new UserError(`/${def.name} needs the "${opt.name}" option.`);
    }
  }
  return out;
}

/** The option being typed in an autocomplete request (Discord marks it `focused`). */
export function focusedOption(
  raw: readonly RawOption[] | undefined,
): { name: string; value: string } | undefined {
  const f = (raw ?? []).find((o) => o.focused);
  if (!f) return undefined;
  return {
    name: String(f.name),
    value: typeof f.value === 'string' ? f.value.slice(0, 100) : String(f.value ?? ''),
  };
}
