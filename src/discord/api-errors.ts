/**
 * Recognising Discord's API errors by shape. `instanceof DiscordAPIError` is not reliable here:
 * discord.js is CommonJS and loads @discordjs/rest's CommonJS build, while this ES-module code
 * imports its ES-module build, so the same error class exists twice and an error thrown by
 * `client.rest` is not an instance of the class this code imports.
 */

/** The fields of a DiscordAPIError this bot reads. */
export interface DiscordApiErrorLike {
  /** Discord's JSON error code (50013 Missing Permissions, 30003 pin limit, ...). */
  readonly code: number | string;
  /** The HTTP status. */
  readonly status: number;
}

/** Discord's JSON error codes the bot handles by name. */
export const DISCORD_CODES = Object.freeze({
  /** The application id is not an application's (or not the token's). */
  unknownApplication: 10002,
  /** No such server, or the bot is not in it. */
  unknownGuild: 10004,
  /** The message is gone (deleted, or never existed). */
  unknownMessage: 10008,
  /** The interaction was not acknowledged within 3 s, or its token is unknown. */
  unknownInteraction: 10062,
  /** The interaction already has its initial response. */
  alreadyAcknowledged: 40060,
  /** The bot cannot see the channel. */
  missingAccess: 50001,
  /** The bot lacks a permission (send, pin, delete ...) in the channel. */
  missingPermissions: 50013,
  /** The channel already has the most pins Discord allows. */
  pinLimit: 30003,
});

/** Network failures that mean Discord's API could not be reached at all. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
]);

/** Whether `err` is an error Discord's API answered (from either build of @discordjs/rest). */
export function isDiscordApiError(err: unknown): err is Error & DiscordApiErrorLike {
  return (
    err instanceof Error &&
    'rawError' in err &&
    'code' in err &&
    (typeof err.code === 'number' || typeof err.code === 'string') &&
    'status' in err &&
    typeof err.status === 'number'
  );
}

/** Whether `err` is a Discord API error with one of these JSON error codes. */
export function hasDiscordCode(err: unknown, ...codes: readonly number[]): boolean {
  return isDiscordApiError(err) && codes.includes(Number(err.code));
}

/** The `code` of an error or of its `cause` (fetch wraps socket errors), as a string. */
export function errorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  if ('code' in err && err.code !== undefined) return String(err.code);
  return 'cause' in err ? errorCode(err.cause) : '';
}

/** Whether a network error code means Discord's API could not be reached. */
export function isUnreachableCode(code: string): boolean {
  return UNREACHABLE.has(code);
}

/**
 * Whether a REST failure is Discord's trouble rather than the request's: a 5xx that outlasted the
 * retries (@discordjs/rest throws an HTTPError for it), a request that timed out (AbortError), or
 * an API that could not be reached. The user can be told to try again; a 4xx cannot be fixed that way.
 */
export function isDiscordTrouble(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if ('status' in err && typeof err.status === 'number' && err.status >= 500) return true;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  return isUnreachableCode(errorCode(err));
}

/** Why an interaction's initial response failed, for the log and for deciding what comes next. */
export type RespondFailure =
  /** Too late (the 3 s window passed) or an unknown interaction: Discord shows "did not respond". */
  | 'expired'
  /** Already answered: a retry after a slow answer, or another process answered it. The user saw an answer. */
  | 'already-acknowledged'
  /** Discord or the network failed; nothing more can be sent for this interaction. */
  | 'discord-trouble'
  /** Anything else (a refused payload: a bug). */
  | 'refused';

/** Classifies the failure of an interaction callback. */
export function respondFailure(err: unknown): RespondFailure {
  if (hasDiscordCode(err, DISCORD_CODES.unknownInteraction)) return 'expired';
  if (hasDiscordCode(err, DISCORD_CODES.alreadyAcknowledged)) return 'already-acknowledged';
  if (isDiscordTrouble(err)) return 'discord-trouble';
  return 'refused';
}
