/**
 * What a command is: its Discord definition (plain API JSON) and pure functions from parsed options
 * to a reply. Commands never touch discord.js objects, so the gateway bot, the HTTP endpoint and
 * the local console all serve the same files.
 */
import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Abstention, QaEngine } from '../engine/index.ts';
import type { BotMessage } from '../replies/message.ts';

export type OptionValue = string | number | boolean;

/** Who ran the command. */
export interface Invoker {
  readonly id: string;
  readonly name: string;
  /** Holds Manage Messages (or Administrator) where the command ran. */
  readonly isModerator: boolean;
}

export interface CommandContext {
  readonly engine: QaEngine;
  readonly options: ReadonlyMap<string, OptionValue>;
  readonly invoker: Invoker;
  readonly channelId: string | null;
  readonly guildId: string | null;
  /** The message a context-menu command was run on. */
  readonly targetMessage?: { readonly id: string; readonly content: string };
}

export interface AutocompleteContext {
  readonly engine: QaEngine;
  /** The option being typed, and what has been typed so far. */
  readonly focused: { readonly name: string; readonly value: string };
}

/** Work a front door does after replying, because it needs the transport (REST, the log). */
export type CommandEffect =
  /** Post this message in the channel and pin it, or edit the bot's earlier pinned summary. */
  | { readonly kind: 'pin-summary'; readonly message: BotMessage }
  /** Delete the message the clicked button is on. */
  | { readonly kind: 'delete-message' }
  /** Record feedback on an answer. */
  | { readonly kind: 'feedback'; readonly helpful: boolean; readonly factId: string }
  /** Reload the knowledge pack from disk. */
  | { readonly kind: 'reload-pack' };

/** A question the bot declined, for the unanswered-questions log. */
export interface DeclinedQuestion {
  readonly question: string;
  readonly result: Abstention;
}

export interface CommandOutcome {
  readonly reply: BotMessage;
  readonly effect?: CommandEffect;
  /** Set when the command declined a free-text question (the front door logs it). */
  readonly declined?: DeclinedQuestion;
  /** The question a command answered, so a front door that cannot deliver the reply can log it. */
  readonly question?: string;
}

export type CommandDefinition =
  | RESTPostAPIChatInputApplicationCommandsJSONBody
  | RESTPostAPIContextMenuApplicationCommandsJSONBody;

export interface Command {
  readonly data: CommandDefinition;
  /** Answers the command. May throw UserError (shown privately to the user). */
  execute(ctx: CommandContext): CommandOutcome;
  /** Choices for an option with autocomplete (at most 25). */
  autocomplete?(ctx: AutocompleteContext): APIApplicationCommandOptionChoice<string>[];
}

/** A problem with what the user asked for; its message is shown to them (privately). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
