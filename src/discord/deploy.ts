/**
 * Registering the slash commands with Discord: one bulk PUT of every definition in
 * `src/commands/index.ts`, to one server when DISCORD_GUILD_ID is set (changes show at once, handy
 * while developing) or globally otherwise. A bulk PUT replaces the whole set, so commands removed
 * from the code disappear from Discord too.
 */
import { REST } from '@discordjs/rest';
import {
  type APIApplicationCommand,
  ApplicationCommandType,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from 'discord-api-types/v10';
import { assertCommandsValid, COMMANDS } from '../commands/index.ts';
import type { CommandDefinition } from '../commands/types.ts';
import { type Config, ConfigError } from '../config.ts';
import { DISCORD_CODES, hasDiscordCode, isDiscordApiError } from './api-errors.ts';
import { TOKEN_REFUSED } from './explain.ts';

/** Where the commands go. */
export type DeployScope =
  | { readonly kind: 'guild'; readonly applicationId: string; readonly guildId: string }
  | { readonly kind: 'global'; readonly applicationId: string };

/** The scope for a configuration; ConfigError when the token or application id is missing. */
export function deployScope(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID'>,
): DeployScope {
  if (!config.DISCORD_TOKEN) {
    throw new ConfigError(
      'Configuration error: DISCORD_TOKEN is required to register commands (Developer Portal → your application → Bot).',
    );
  }
  const applicationId = config.DISCORD_APPLICATION_ID;
  if (!applicationId) {
    throw new ConfigError(
      'Configuration error: DISCORD_APPLICATION_ID is required to register commands (Developer Portal → your application → General Information → Application ID).',
    );
  }
  return config.DISCORD_GUILD_ID
    ? { kind: 'guild', applicationId, guildId: config.DISCORD_GUILD_ID }
    : { kind: 'global', applicationId };
}

/** The REST route of a scope's command list. */
export function commandsRoute(scope: DeployScope): `/${string}` {
  return scope.kind === 'guild'
    ? Routes.applicationGuildCommands(scope.applicationId, scope.guildId)
    : Routes.applicationCommands(scope.applicationId);
}

/** What was registered. */
export interface DeployResult {
  readonly scope: DeployScope;
  readonly commands: readonly APIApplicationCommand[];
}

/**
 * Registers every command (after checking the definitions) and returns what Discord stored.
 * `rest` defaults to a client for DISCORD_API_BASE with the token set.
 */
export async function deployCommands(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_BASE'>,
  definitions: readonly CommandDefinition[] = COMMANDS.map((c) => c.data),
  rest?: REST,
): Promise<DeployResult> {
  const scope = deployScope(config);
  assertCommandsValid();
  const client = rest ?? new REST({ api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN ?? '');
  try {
    const stored = (await client.put(commandsRoute(scope), {
      body: definitions,
    })) as RESTPutAPIApplicationCommandsResult;
    return { scope, commands: stored };
  } catch (err) {
    const explained = explainDeployError(err, scope);
    throw explained ? new ConfigError(explained) : err;
  }
}

/** A one-line explanation of a refusal caused by the configuration, or undefined. */
export function explainDeployError(err: unknown, scope: DeployScope): string | undefined {
  if (!isDiscordApiError(err)) return undefined;
  if (err.status === 401) return TOKEN_REFUSED;
  if (hasDiscordCode(err, DISCORD_CODES.unknownApplication)) {
    return `Discord refused to register commands for DISCORD_APPLICATION_ID ${scope.applicationId}: check that it is the Application ID of the bot whose token is in DISCORD_TOKEN.`;
  }
  if (
    scope.kind === 'guild' &&
    hasDiscordCode(err, DISCORD_CODES.missingAccess, DISCORD_CODES.unknownGuild)
  ) {
    return `The bot cannot register commands on server DISCORD_GUILD_ID ${scope.guildId}: invite it there first (npm run invite prints the link), or check the server id.`;
  }
  return undefined;
}

/** How a registered command reads in a list: "/margin", or the context-menu name in quotes. */
function commandLabel(command: Pick<APIApplicationCommand, 'name' | 'type'>): string {
  if (command.type === ApplicationCommandType.Message) return `"${command.name}" (message menu)`;
  if (command.type === ApplicationCommandType.User) return `"${command.name}" (user menu)`;
  return `/${command.name}`;
}

/** The report printed after deploying. */
export function deployReport(result: DeployResult): string {
  const where =
    result.scope.kind === 'guild'
      ? `on server ${result.scope.guildId} (guild commands: they show up at once)`
      : 'globally (in every server the bot is in; Discord can take a few minutes to show changes)';
  const count = result.commands.length;
  return [
    `Registered ${count} command${count === 1 ? '' : 's'} ${where}:`,
    ...result.commands.map((c) => `  ${commandLabel(c)}`),
  ].join('\n');
}
