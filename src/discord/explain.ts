/**
 * One line for the operator when Discord refuses the bot for a reason the operator can fix: a
 * refused token, a privileged intent not turned on, an API that cannot be reached, a session Discord
 * ended for good. Never includes the token.
 */
import { GatewayCloseCodes } from 'discord-api-types/v10';
import { errorCode, isUnreachableCode } from './api-errors.ts';

/** What to do when Discord refuses the token (a 401), at login or when registering commands. */
export const TOKEN_REFUSED =
  'Discord refused DISCORD_TOKEN (401 Unauthorized). Copy the token again from the Developer Portal (your application → Bot → Reset Token) into .env.';

/**
 * The line to show for a login failure with a known cause (a refused token, a privileged intent
 * that is not turned on, an API base that cannot be reached), or undefined for anything else.
 * Never includes the token.
 */
export function explainLoginError(err: unknown, apiBase = 'https://discord.com/api'): string | undefined {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : '';
  if (code === 'TokenInvalid' || message === 'Authentication failed') {
    return TOKEN_REFUSED;
  }
  if (message === 'Used disallowed intents') {
    return 'Discord refused the Message Content intent, which QA_CHANNEL_IDS needs. Turn on "Message Content Intent" in the Developer Portal (your application → Bot), or leave QA_CHANNEL_IDS empty.';
  }
  if (isUnreachableCode(code)) {
    return `Could not reach Discord's API at ${apiBase} (${code}). Check the network connection, or DISCORD_API_BASE.`;
  }
  return undefined;
}

/**
 * The line to show when Discord closed the gateway for good while the bot was running (discord.js
 * does not reconnect after these codes). Never includes the token.
 */
export function explainCloseCode(code: number): string {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return 'Discord closed the connection: DISCORD_TOKEN is no longer valid (4004 Authentication failed; was the token reset?). Copy the current token from the Developer Portal (your application → Bot → Reset Token) into .env and start the bot again.';
    case GatewayCloseCodes.DisallowedIntents:
      return 'Discord closed the connection: the Message Content intent is not enabled (4014 Disallowed intents). Turn on "Message Content Intent" in the Developer Portal (your application → Bot), or leave QA_CHANNEL_IDS empty, and start the bot again.';
    case GatewayCloseCodes.InvalidIntents:
      return 'Discord closed the connection: the bot asked for intents Discord does not know (4013 Invalid intents). This is a bug in the bot; please report it.';
    default:
      return `Discord closed the connection for good (close code ${code}) and will not let the bot reconnect. Check the bot's settings in the Developer Portal, then start it again.`;
  }
}
