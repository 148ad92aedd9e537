/**
 * Every credential the test suite hands the bot, in one place, so the suite-wide log check
 * (`log-capture.global.ts`) knows what must never appear in anything logged. A test that needs a
 * new token adds it here. Not a test file itself.
 */

/** The bot token of the gateway tests: shaped so config.ts accepts it; the emulator accepts any token. */
export const TEST_TOKEN = 'emulator.test-token.not-a-real-discord-token';

/** A token the emulator refuses (`rejectToken`): 401 on `GET /gateway/bot`, 4004 on Identify. */
export const REJECTED_TOKEN = 'rejected.token-for-the-emulator.000000';

/** The bot token of the HTTP follow-up tests, shaped like a real one (three base64url parts). */
export const HTTP_BOT_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GhTest.emulator-only-token-abcdefghijklmnop';

/** A token-shaped secret of the logger's own tests (tests/log.test.ts). */
export const LOG_TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

/** A secret with no token shape, which only the logger's list of secrets can catch (tests/log.test.ts). */
export const LOG_TEST_PLAIN_SECRET = 'correct-horse-battery-staple';

/**
 * Every interaction token the emulator and the HTTP samples make starts with this ("interaction"
 * in base64), like Discord's own. An interaction token is a credential for 15 minutes.
 */
export const INTERACTION_TOKEN_PREFIX = 'aW50ZXJhY3Rpb24';

/** What the suite-wide check searches every captured line for, by name. */
export const SUITE_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  TEST_TOKEN,
  REJECTED_TOKEN,
  HTTP_BOT_TOKEN,
  LOG_TEST_TOKEN,
  LOG_TEST_PLAIN_SECRET,
  'an interaction token': INTERACTION_TOKEN_PREFIX,
});
