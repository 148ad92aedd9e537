/**
 * One pure function from a Discord interaction (API JSON, as the gateway or an HTTP POST delivers
 * it) to the interaction response, plus any work the front door must do after responding. Both the
 * gateway bot and the HTTP endpoint use it, so a command behaves the same on either.
 */
import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { handleButton } from '../commands/buttons.ts';
import { findCommand } from '../commands/index.ts';
import { focusedOption, type RawOption, readOptions } from '../commands/options.ts';
import type { CommandEffect, DeclinedQuestion, Invoker } from '../commands/types.ts';
import { UserError } from '../commands/types.ts';
import type { QaEngine } from '../engine/index.ts';
import { DISCORD_LIMITS, EPHEMERAL } from '../replies/limits.ts';
import { type BotMessage, finalizeMessage } from '../replies/message.ts';
import { TEXT, unknownCommand } from '../replies/strings.ts';

/** What the front door should do with an interaction. */
export interface RoutedInteraction {
  readonly response: APIInteractionResponse;
  readonly effect?: CommandEffect;
  /** A question the command declined (for the unanswered log). */
  readonly declined?: DeclinedQuestion;
  /** The question asked (/ask, the context menu), to log if the reply cannot be delivered. */
  readonly question?: string;
  /** For the log line: what was asked. */
  readonly summary: { readonly kind: string; readonly name: string; readonly userError?: string };
  /** An unexpected error, already answered with a generic message; log it. */
  readonly error?: unknown;
}

/** The interaction type is one this bot does not handle (an HTTP endpoint answers 400). */
export class UnsupportedInteraction extends Error {}

const MODERATOR = PermissionFlagsBits.ManageMessages | PermissionFlagsBits.Administrator;

/** Who is interacting, and whether they may moderate here. */
export function invokerOf(interaction: APIInteraction): Invoker {
  const user = interaction.member?.user ?? interaction.user;
  let isModerator = false;
  const perms = interaction.member?.permissions;
  if (typeof perms === 'string' && /^\d{1,30}$/.test(perms)) isModerator = (BigInt(perms) & MODERATOR) !== 0n;
  return { id: user?.id ?? '0', name: user?.username ?? 'someone', isModerator };
}

function rawOptions(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): RawOption[] {
  return (options ?? []).map((o) => ({
    name: o.name,
    type: o.type,
    value: 'value' in o ? o.value : undefined,
    focused: 'focused' in o ? o.focused === true : false,
  }));
}

/** A reply only the invoking user sees: a line of text, and optionally embeds. */
export function privateResponse(content: string, embeds?: BotMessage['embeds']): APIInteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: finalizeMessage({ content, ...(embeds ? { embeds } : {}), flags: EPHEMERAL }),
  };
}

function messageResponse(data: ReturnType<typeof finalizeMessage>): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data };
}

/** A command's name as logged: at most 32 characters, as Discord allows. */
function commandName(data: { readonly name?: unknown }): string {
  return String(data.name ?? '').slice(0, 32);
}

function autocompleteResponse(choices: readonly { name: string; value: string }[]): APIInteractionResponse {
  return {
    type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    data: { choices: choices.slice(0, DISCORD_LIMITS.autocompleteChoices) },
  };
}

/**
 * The response when answering an interaction failed unexpectedly (no engine, an unreadable
 * payload): a private apology, no choices for autocomplete, a pong for a ping.
 */
export function failureResponse(interaction: Pick<APIInteraction, 'type'>): APIInteractionResponse {
  if (interaction.type === InteractionType.Ping) return { type: InteractionResponseType.Pong };
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) return autocompleteResponse([]);
  return privateResponse(TEXT.genericError);
}

/** Routes an interaction. Never throws for bad input; throws UnsupportedInteraction for unknown types. */
export function routeInteraction(engine: QaEngine, interaction: APIInteraction): RoutedInteraction {
  if (interaction.type === InteractionType.Ping) {
    return { response: { type: InteractionResponseType.Pong }, summary: { kind: 'ping', name: '' } };
  }
  const invoker = invokerOf(interaction);
  const channelId = interaction.channel?.id ?? null;
  const guildId = interaction.guild_id ?? null;

  const guard = (kind: string, name: string, run: () => RoutedInteraction): RoutedInteraction => {
    try {
      return run();
    } catch (err) {
      if (err instanceof UserError) {
        return { response: privateResponse(err.message), summary: { kind, name, userError: err.message } };
      }
      return { response: privateResponse(TEXT.genericError), summary: { kind, name }, error: err };
    }
  };

  switch (interaction.type) {
    case InteractionType.ApplicationCommand: {
      const data = interaction.data;
      const name = commandName(data);
      return guard('command', name, () => {
        const command = findCommand(name);
        if (!command) throw new UserError(unknownCommand(name));
        const options =
          data.type === ApplicationCommandType.ChatInput
            ? readOptions(command.data, rawOptions(data.options))
            : new Map();
        let targetMessage: { id: string; content: string } | undefined;
        if (data.type === ApplicationCommandType.Message) {
          const msg: APIMessage | undefined = data.resolved?.messages?.[data.target_id];
          targetMessage = {
            id: data.target_id,
            content: typeof msg?.content === 'string' ? msg.content : '',
          };
        }
        const outcome = command.execute({
          engine,
          options,
          invoker,
          channelId,
          guildId,
          ...(targetMessage ? { targetMessage } : {}),
        });
        return {
          response: messageResponse(outcome.reply),
          ...(outcome.effect ? { effect: outcome.effect } : {}),
          ...(outcome.declined ? { declined: outcome.declined } : {}),
          ...(outcome.question !== undefined ? { question: outcome.question } : {}),
          summary: { kind: 'command', name },
        };
      });
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const data = interaction.data;
      const name = commandName(data);
      const command = findCommand(name);
      const focused = focusedOption(rawOptions(data.options));
      let choices: { name: string; value: string }[] = [];
      try {
        if (command?.autocomplete && focused) choices = command.autocomplete({ engine, focused });
      } catch (err) {
        return { response: autocompleteResponse([]), summary: { kind: 'autocomplete', name }, error: err };
      }
      return { response: autocompleteResponse(choices), summary: { kind: 'autocomplete', name } };
    }
    case InteractionType.MessageComponent: {
      const customId = String(interaction.data.custom_id ?? '').slice(0, 200);
      // Logged by kind ("v1:ask"), not by the fact or user ids the rest of the id carries.
      const name = customId.split(':').slice(0, 2).join(':');
      return guard('button', name, () => {
        const outcome = handleButton({ engine, customId, invoker });
        return {
          response: messageResponse(outcome.reply),
          ...(outcome.effect ? { effect: outcome.effect } : {}),
          summary: { kind: 'button', name },
        };
      });
    }
    default:
      throw new UnsupportedInteraction(
        `interaction type ${String((interaction as { type?: unknown }).type)}`,
      );
  }
}
