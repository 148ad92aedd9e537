/**
 * Property tests with fast-check over 10,000 random strings (any Unicode including astral code
 * points and emoji, Discord markdown and mentions, long runs of one character): `answer()` never
 * throws and returns within a safety bound, and every reply built from it (the answer card or
 * "did you mean" of `resultMessage`, the free-text replies, the /ask reply) is within Discord's
 * limits, carries `allowed_mentions` with an empty `parse`, and echoes nothing that could ping.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerFreeText } from '../../src/commands/free-text.ts';
import { UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { resultMessage } from '../../src/replies/answer.ts';
import type { BotMessage } from '../../src/replies/message.ts';
import { limitProblems, loadTestEngine, runCommand, visibleText } from '../support/bot.ts';

/** A safety bound per call, far above the ~0.1 ms a question takes: it catches runaway work, not slowness. */
const MAX_MS_PER_ANSWER = 50;
const RUNS = 10_000;
const ASKER = '200000000000000001';

/** Pieces users paste: markdown, mentions, links, invisible and direction characters, emoji. */
const PIECES = [
  '**',
  '__',
  '~~',
  '||',
  '`',
  '```',
  '> ',
  '# ',
  '-# ',
  '[x](https://evil.example)',
  '<https://a.b>',
  '@everyone',
  '@here',
  '<@200000000000000005>',
  '<@!200000000000000005>',
  '<@&300000000000000099>',
  '<#300000000000000011>',
  '<:emoji:123456789012345678>',
  '</ask:1>',
  '\u200B',
  '\u202E',
  '\u200F',
  '\uFEFF',
  'N\u043Erwood',
  '🗳️',
  '👍🏽',
  '🇺🇸',
  '\n',
  ' ',
  '?',
  'who won',
  'bottoms',
  'norwood',
  'recount',
  'how many votes',
  "didn't",
  '49.59%',
  '759',
  'Dec. 5',
  '\\',
  '"',
  "'",
  '<',
  '>',
];

/** Random questions: any code points, graphemes, soups of the pieces above, and long runs. */
const question: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.integer({ min: 50, max: 2_500 }))
    .map(([unit, times]) => unit.repeat(times)),
  fc
    .tuple(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
    )
    .map(([parts, tail]) => `${parts.join(' ')} ${tail}`),
);

/** Why a message is unsafe to send: Discord's limits, mentions, or an echo that could still ping. */
function problems(message: BotMessage): string[] {
  const found = limitProblems(message);
  if (/@(?:everyone|here)|<@[!&]?\d/.test(visibleText(message))) found.push('an echoed mention');
  return found;
}

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
  // Warm the engine so the safety bound measures steady work, not the first compilation.
  for (const q of ['who won?', 'how close was it?', 'x'.repeat(3_000)]) engine.answer(q);
});

describe('answer() and the replies built from it, over 10,000 random strings', () => {
  it('GIVEN any string THEN answer() returns (never throws) within the safety bound, and every reply is safe to send', () => {
    let slowest = 0;
    fc.assert(
      fc.property(question, (q) => {
        const started = performance.now();
        const result = engine.answer(q);
        slowest = Math.max(slowest, performance.now() - started);
        expect(['answer', 'abstention']).toContain(result.kind);

        expect(problems(resultMessage(result, { question: q, askerId: ASKER }))).toEqual([]);
        expect(problems(resultMessage(result, { question: q, askerId: ASKER, ephemeral: true }))).toEqual([]);
        for (const mode of ['mention', 'dm', 'qa-channel'] as const) {
          const reply = answerFreeText(engine, q, { mode, askerId: ASKER });
          if (reply) expect(problems(reply.message)).toEqual([]);
        }
        try {
          const outcome = runCommand(engine, 'ask', [{ name: 'question', value: q }]);
          expect(problems(outcome.reply)).toEqual([]);
        } catch (err) {
          // Longer than /ask's 1,000 characters: refused with a message, which is fine.
          if (!(err instanceof UserError)) throw err;
        }
      }),
      { numRuns: RUNS },
    );
    expect(slowest).toBeLessThan(MAX_MS_PER_ANSWER);
  });
});
