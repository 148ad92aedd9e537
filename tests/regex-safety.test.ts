/**
 * No regular expression run on user input may backtrack catastrophically. Each one was reviewed
 * (the list below says why it is linear); this test is the safety net: every function that runs a
 * regular expression over text a user controls gets inputs of 50,000+ characters built to make a
 * backtracking pattern blow up, and must return well within the test's time. The bound asserted is
 * a generous safety bound (a catastrophic pattern takes minutes or hours), not a benchmark.
 *
 * Reviewed patterns, by file:
 * - engine/normalise.ts: character classes (invisibles, marks, homoglyphs, apostrophes); mentions,
 *   emoji and slash mentions with bounded counts ({1,25}, {1,32}, {1,64}); LINK is a literal prefix
 *   and one bounded greedy class with nothing after it; TOKEN `\d+(?:[.:,]\d+)*` needs a separator
 *   per repetition, so a string matches one way only. Questions are cut to 2,000 characters first.
 * - engine/answer.ts: SENTENCE's two alternatives are disjoint (any non-separator, or "." before a
 *   digit) and the trailing class cannot fail, so nothing is retried; run on at most 2,000 characters.
 * - replies/sanitize.ts, commands/people.ts, ops/unanswered.ts, interactions/effects.ts: single
 *   character classes and `\s+`.
 * - discord/messages.ts: `<@!?id>` with a digits-only id; `\s+`.
 * - replies/custom-ids.ts, interactions/router.ts, http/signature.ts: anchored, bounded classes
 *   (custom ids are length-checked first).
 * - console/parse.ts: OPTION_KEY is bounded ({0,31}); `^"(.*)"$` and the command pattern are
 *   anchored at both ends with a single unbounded part.
 * - replies/plain-text.ts: `\*\*(.+?)\*\*` fails only for an opener with no closer after it on the
 *   line, which only the last opener of a line can be; run on bot output (content ≤ 2,000).
 * - log.ts: TOKEN_PATHS ends in one greedy class; BOT_TOKEN_SHAPE has only bounded counts, so the
 *   work per starting position is bounded by a constant.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureText } from './support/log-capture.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Generous: a linear pass over 50,000 characters takes a few ms; a catastrophic one never ends. */
const SAFETY_BOUND_MS = 2_000;

/** The probe's own deadline: loading the pack takes about a second; the passes, well under one. */
const PROBE_TIMEOUT_MS = 15_000;

describe('regular expressions on user input', () => {
  it('GIVEN hostile 50,000-character inputs THEN every function that runs a regular expression on user text returns promptly', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/regex-probe.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: PROBE_TIMEOUT_MS,
      env: { ...process.env, DISCORD_TOKEN: '' },
    });
    captureText(run.stdout + run.stderr);
    expect(run.error, 'the probe did not finish: some pattern backtracks catastrophically').toBeUndefined();
    expect(run.status).toBe(0);
    const slowest = JSON.parse(run.stdout) as Record<string, number>;
    expect(Object.keys(slowest).length).toBeGreaterThanOrEqual(13);
    for (const [name, ms] of Object.entries(slowest)) expect(ms, name).toBeLessThan(SAFETY_BOUND_MS);
  });
});
