/**
 * What the gateway bench sends: a deterministic (seeded) mix of slash commands, autocomplete and chat
 * messages, shaped like a campus server on results night. Pure data; the emulator worker turns it
 * into gateway events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The channel the bot's Q&A mode watches in both gateway benches. */
export const QA_CHANNEL_ID = '300000000000000012';
/** A token-shaped string the emulator accepts; never a real Discord token. */
export const FAKE_TOKEN = 'bench.gateway-token.not-a-real-discord-token';

/** A small seeded PRNG (mulberry32), so two runs send the same events in the same order. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Every question text of the evaluation sets (`tests/eval/*.jsonl`), in and out of scope. */
export function evalQuestions(dir = 'tests/eval'): string[] {
  const questions: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null && 'q' in parsed && typeof parsed.q === 'string') {
        questions.push(parsed.q);
      }
    }
  }
  if (questions.length === 0) throw new Error(`no questions found in ${dir}/*.jsonl`);
  return questions;
}

/** A student; ids are snowflake-shaped and distinct from the emulator's default users. */
export interface Student {
  readonly id: string;
  readonly username: string;
}

/** `count` distinct students. */
export function students(count: number): Student[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(210_000_000_000_000_000n + BigInt(i)),
    username: `student${i}`,
  }));
}

/** One option of a command as the emulator's `sendSlashCommand` takes it (type 3: string). */
export interface OptionSpec {
  readonly name: string;
  readonly type: 3;
  readonly value: string;
  readonly focused?: boolean;
}

/** One interaction to dispatch. */
export interface InteractionSpec {
  readonly kind: 'command' | 'autocomplete';
  readonly name: string;
  readonly options: readonly OptionSpec[];
  readonly user: Student;
}

/** Candidate inputs for /platform: names, first names, typos, lower case, and people who are not candidates. */
const CANDIDATE_INPUTS = [
  'Bottoms',
  'Norwood',
  'Keisha Lance Bottoms',
  'Mary Norwood',
  'keisha',
  'mary',
  'botoms',
  'Norwod',
  'Bottums',
  'nrwood',
  'Kasim Reed',
  'Peter Aman',
  'trump',
  '',
];

/** Partial words as typed into an autocompleted option, one keystroke at a time. */
const TYPING = [
  'b',
  'bo',
  'bot',
  'bott',
  'n',
  'no',
  'nor',
  'norw',
  'k',
  'ke',
  'kei',
  'm',
  'ma',
  'r',
  'xyz',
  '',
];

/**
 * `n` interactions: about 15% /results, 10% /margin, 20% /platform, 35% /ask (questions from the
 * evaluation sets) and 20% autocomplete (on /platform and /candidate), each from one of `users`.
 */
export function interactionMix(
  n: number,
  seed: number,
  questions: readonly string[],
  users: readonly Student[],
): InteractionSpec[] {
  const random = rng(seed);
  const specs: InteractionSpec[] = [];
  for (let i = 0; i < n; i++) {
    const user = pick(random, users);
    const roll = random();
    if (roll < 0.15) specs.push({ kind: 'command', name: 'results', options: [], user });
    else if (roll < 0.25) specs.push({ kind: 'command', name: 'margin', options: [], user });
    else if (roll < 0.45) {
      const value = pick(random, CANDIDATE_INPUTS);
      specs.push({
        kind: 'command',
        name: 'platform',
        options: [{ name: 'candidate', type: 3, value }],
        user,
      });
    } else if (roll < 0.8) {
      const value = pick(random, questions);
      specs.push({ kind: 'command', name: 'ask', options: [{ name: 'question', type: 3, value }], user });
    } else {
      const [name, option] = random() < 0.6 ? ['platform', 'candidate'] : ['candidate', 'name'];
      const value = pick(random, TYPING);
      specs.push({
        kind: 'autocomplete',
        name,
        options: [{ name: option, type: 3, value, focused: true }],
        user,
      });
    }
  }
  return specs;
}

/** One chat message to dispatch. */
export interface MessageSpec {
  readonly content: string;
  readonly author: Student;
  /** Whether the message mentions the bot (the worker fills in the mention). */
  readonly mentionsBot: boolean;
  /** A user the message mentions (not the bot), if any. */
  readonly mentionsUser: Student | null;
  readonly kind: 'chatter' | 'emoji' | 'link' | 'question' | 'mention' | 'user-mention';
}

const CHATTER = [
  'lol',
  'ok',
  'same',
  'anyone else refreshing the AJC every 30 seconds',
  'this is so close',
  'who is at the watch party',
  'wait what',
  'my roommate says the count is done',
  'brb getting food',
  'not again',
  'is the library still open',
  'ngl I forgot to vote',
  'the line at the polls was wild today',
  'can someone send the bio notes',
  'I have a midterm tomorrow and I am watching election results',
  'go team',
  'yeah',
  'no way',
  'this channel is chaos',
  'hahaha',
  'thanks',
  'good night everyone',
  'does anyone have a charger',
  'the wifi in the dorm is down again',
];

const EMOJI = [
  '😂',
  '🔥🔥🔥',
  '👀',
  '🗳️',
  '😬😬',
  '💯',
  '🙏',
  '<:pepehands:123456789012345678>',
  '👍',
  '🎉🎉',
];

const LINKS = [
  'https://www.ajc.com/news/local-govt--politics/atlanta-mayor-runoff',
  'look https://twitter.com/someone/status/938765432109876543',
  'https://youtu.be/dQw4w9WgXcQ',
  'live results here https://results.enr.clarityelections.com/GA/Atlanta/',
  'https://emorywheel.com/',
];

/**
 * `n` chat messages for a Q&A channel: about 60% chatter, 10% emoji, 7% links, 15% questions from the
 * evaluation sets, 5% questions that mention the bot, 3% messages that mention another student.
 */
export function messageStream(
  n: number,
  seed: number,
  questions: readonly string[],
  users: readonly Student[],
): MessageSpec[] {
  const random = rng(seed);
  const specs: MessageSpec[] = [];
  for (let i = 0; i < n; i++) {
    const author = pick(random, users);
    const roll = random();
    const base = { author, mentionsBot: false, mentionsUser: null };
    if (roll < 0.6) specs.push({ ...base, kind: 'chatter', content: pick(random, CHATTER) });
    else if (roll < 0.7) specs.push({ ...base, kind: 'emoji', content: pick(random, EMOJI) });
    else if (roll < 0.77) specs.push({ ...base, kind: 'link', content: pick(random, LINKS) });
    else if (roll < 0.92) specs.push({ ...base, kind: 'question', content: pick(random, questions) });
    else if (roll < 0.97) {
      specs.push({ ...base, kind: 'mention', mentionsBot: true, content: pick(random, questions) });
    } else {
      const other = pick(random, users);
      specs.push({
        ...base,
        kind: 'user-mention',
        mentionsUser: other,
        content: `<@${other.id}> ${pick(random, CHATTER)}`,
      });
    }
  }
  return specs;
}
