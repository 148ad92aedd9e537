/**
 * The link a server admin opens to add the bot: the `bot` and `applications.commands` scopes and
 * exactly the permissions the bot uses, computed from Discord's permission flags.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';

/**
 * What the bot needs in a channel: see it, answer (also in threads), show answer cards (embeds),
 * read the history its replies point into, and pin (Manage Messages) for /summary.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.ManageMessages;

/** The OAuth2 scopes: the bot user, and permission to register slash commands. */
export const INVITE_SCOPES = Object.freeze(['bot', 'applications.commands']);

/** The invite URL for an application id. */
export function inviteUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const scope = encodeURIComponent(INVITE_SCOPES.join(' '));
  return `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}&scope=${scope}&permissions=${permissions}`;
}
