/**
 * Runs every function that applies a regular expression to user-controlled text over inputs built
 * to make a backtracking pattern explode, and prints, as one JSON object, the slowest time (ms) of
 * each function. Run as a child process by tests/regex-safety.test.ts, so that a catastrophic
 * pattern (which blocks the thread for hours) fails that test on its timeout instead of hanging the
 * suite. Not a test file itself.
 */
import { entityChoices, isCandidate } from '../../src/commands/people.ts';
import { parseConsoleInput } from '../../src/console/parse.ts';
import { messageMode, questionText } from '../../src/discord/messages.ts';
import { questionParts } from '../../src/engine/answer.ts';
import { normaliseQuestion } from '../../src/engine/normalise.ts';
import { feedbackQuestion } from '../../src/interactions/effects.ts';
import { redactLine } from '../../src/log.ts';
import { unansweredEntry } from '../../src/ops/unanswered.ts';
import { decodeButton } from '../../src/replies/custom-ids.ts';
import { finalizeMessage } from '../../src/replies/message.ts';
import { messageText } from '../../src/replies/plain-text.ts';
import { echoUserText } from '../../src/replies/sanitize.ts';
import { loadTestEngine } from './bot.ts';

/** Strings built to make backtracking patterns explode, each 50,000 characters or more. */
export const HOSTILE: Readonly<Record<string, string>> = {
  'a run then "!"': `${'a'.repeat(50_000)}!`,
  'a digit run then "!"': `${'1'.repeat(50_000)}!`,
  'digits and separators': `${'1.'.repeat(25_000)}x`,
  'a whitespace run then "!"': `${' \t\n'.repeat(17_000)}!`,
  'mention openers': '<@'.repeat(25_000),
  'role mention openers': '<@&1'.repeat(12_500),
  'emoji openers': '<a:x:'.repeat(10_000),
  'link prefixes': 'http://'.repeat(7_500),
  'www runs': 'www.'.repeat(12_500),
  apostrophes: "n't's'".repeat(8_500),
  'spaces then a letter': `${' '.repeat(50_000)}x`,
  markdown: '**\\[](||`'.repeat(5_000),
  'bold openers': '**a'.repeat(17_000),
  'token-shaped runs': `${'a'.repeat(30)}.${'b'.repeat(10)}.${'c'.repeat(24)}!`.repeat(750),
  dashes: 'a-'.repeat(25_000),
  'webhook paths': '/webhooks/1/'.repeat(5_000),
  'option keys': `/ask ${'a: '.repeat(17_000)}`,
  quotes: `/ask "${'"'.repeat(50_000)}`,
  'sentence separators': '.,;!?'.repeat(10_000),
  'zero-width': '\u200B'.repeat(50_000),
  astral: '🗳️'.repeat(17_000),
};

const engine = loadTestEngine();

/** Every function that runs a regular expression over user-controlled text. */
export const RUNNERS: Readonly<Record<string, (input: string) => unknown>> = {
  'engine.answer': (s) => engine.answer(s),
  normaliseQuestion: (s) => normaliseQuestion(s),
  questionParts: (s) => questionParts(s),
  echoUserText: (s) => echoUserText(s, 200),
  questionText: (s) => questionText(s, '100000000000000001'),
  messageMode: (s) =>
    messageMode(
      { authorId: '2', authorIsBot: false, guildId: '3', channelId: '4', parentChannelId: null, content: s },
      { botUserId: '100000000000000001', qaChannelIds: [] },
    ),
  'autocomplete names': (s) => entityChoices(engine.kb, s, isCandidate),
  decodeButton: (s) => decodeButton(s),
  parseConsoleInput: (s) => parseConsoleInput(s, () => new Set(['question', 'a'])),
  'plain-text rendering': (s) => messageText(finalizeMessage({ content: s })),
  redactLine: (s) => redactLine(s, ['a-secret-value']),
  feedbackQuestion: (s) => feedbackQuestion({ embeds: [{ title: s }] }),
  unansweredEntry: (s) =>
    unansweredEntry(
      s,
      { kind: 'abstention', reason: 'no-match', message: '', suggestions: [], topic: null, confidence: 0 },
      'test',
      new Date(0),
    ),
};

/** The slowest time of each runner over every hostile input, in ms. */
export function probe(): Record<string, number> {
  const slowest: Record<string, number> = {};
  for (const [name, run] of Object.entries(RUNNERS)) {
    let max = 0;
    for (const input of Object.values(HOSTILE)) {
      const started = performance.now();
      run(input);
      max = Math.max(max, performance.now() - started);
    }
    slowest[name] = Math.round(max * 10) / 10;
  }
  return slowest;
}

process.stdout.write(`${JSON.stringify(probe())}\n`);
