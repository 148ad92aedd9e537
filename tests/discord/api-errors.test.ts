import { describe, expect, it } from 'vitest';
import { isDiscordTrouble, respondFailure } from '../../src/discord/api-errors.ts';

/** An error shaped like @discordjs/rest's DiscordAPIError (a 4xx with Discord's JSON code). */
function apiError(status: number, code: number): Error {
  return Object.assign(new Error(`code ${code}`), { rawError: { code }, code, status });
}

/** An error shaped like @discordjs/rest's HTTPError (a 5xx that outlasted the retries). */
function httpError(status: number): Error {
  return Object.assign(new Error('Internal Server Error'), { name: 'HTTPError', status });
}

describe('isDiscordTrouble', () => {
  it('GIVEN a 5xx, a timeout or an unreachable API THEN it is Discord\'s trouble (worth "try again")', () => {
    expect(isDiscordTrouble(httpError(500))).toBe(true);
    expect(isDiscordTrouble(httpError(503))).toBe(true);
    expect(
      isDiscordTrouble(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })),
    ).toBe(true);
    expect(isDiscordTrouble(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(true);
  });

  it('GIVEN a refusal (4xx) or anything else THEN not', () => {
    expect(isDiscordTrouble(apiError(403, 50013))).toBe(false);
    expect(isDiscordTrouble(apiError(404, 10008))).toBe(false);
    expect(isDiscordTrouble(new Error('bug'))).toBe(false);
    expect(isDiscordTrouble('a string')).toBe(false);
  });
});

describe('respondFailure', () => {
  it('GIVEN each way an interaction callback fails THEN its class', () => {
    expect(respondFailure(apiError(404, 10062))).toBe('expired');
    expect(respondFailure(apiError(400, 40060))).toBe('already-acknowledged');
    expect(respondFailure(httpError(502))).toBe('discord-trouble');
    expect(respondFailure(apiError(400, 50035))).toBe('refused');
    expect(respondFailure(apiError(401, 0))).toBe('refused');
  });
});
