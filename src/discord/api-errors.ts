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
