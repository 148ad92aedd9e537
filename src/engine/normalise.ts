/**
 * Turns whatever a user typed into plain lowercase word tokens: Unicode folded (NFKC, accents,
 * look-alike Cyrillic/Greek letters, invisible and direction-changing characters removed), Discord
 * syntax dropped (mentions, channels, custom emoji, @everyone/@here, links), contractions expanded.
 *
 * Every regular expression here is linear: no nested or overlapping quantifiers, so no input can
 * make matching backtrack. Input is capped before any work.
 */
import { LEADING_FILLERS, POLAR_OPENERS, SLANG } from './words.ts';

/** Characters of a question considered at all; the rest is ignored. */
export const MAX_QUESTION_CHARS = 2000;
/** Tokens of a question considered at all. */
export const MAX_QUESTION_TOKENS = 64;

/** Zero-width, joiners, BOM, soft hyphen, and bidirectional controls (e.g. right-to-left override). */
const INVISIBLE =
  /\u034F|[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
const COMBINING = /\p{M}/gu;

/** Letters that look Latin but are Cyrillic or Greek, as used to dodge filters ("Nоrwood"). */
// biome-ignore format: a lookup table reads best packed
const HOMOGLYPHS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
    і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g',
    α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ζ: 'z',
  }),
);
const HOMOGLYPH_RE = new RegExp(`[${[...HOMOGLYPHS.keys()].join('')}]`, 'g');

const CUSTOM_EMOJI = /<a?:\w{1,32}:\d{1,25}>/g;
const USER_ROLE_CHANNEL = /<(?:@[!&]?|#)\d{1,25}>/g;
const SLASH_MENTION = /<\/[\w -]{1,64}:\d{1,25}>/g;
const EVERYONE = /@(?:everyone|here)/g;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>]{1,2000}/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const NEGATION = /n't\b/g;
const CLITIC = /'(?:s|re|ve|ll|d|m)\b/g;
/** "1st", "2nd", "3rd" as words, so "1st round" is the first round. */
const ORDINAL_SUFFIX = /\b([1-4])(?:st|nd|rd|th)\b/g;
const ORDINAL_WORDS: readonly string[] = ['', 'first', 'second', 'third', 'fourth'];
/** "U.S." is the United States, not the chat word "u" (you). */
const US = /\bu\.\s?s\.?/g;
const TOKEN = /\d+(?:[.:,]\d+)*|\p{L}+/gu;

export interface NormalisedQuestion {
  /** Tokens in order, lowercase, slang mapped. */
  readonly tokens: readonly string[];
  /** The question opens like a yes/no question ("is", "did", "can" ...). */
  readonly polar: boolean;
  /** Characters or tokens beyond the caps were ignored. */
  readonly truncated: boolean;
}

/** Folds text to lowercase Latin without marks, invisibles or look-alikes. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(HOMOGLYPH_RE, (ch) => HOMOGLYPHS.get(ch) ?? ch)
    .normalize('NFD')
    .replace(COMBINING, '');
}

/** Removes Discord mentions, channel links, custom emoji, @everyone/@here and URLs. */
export function stripDiscordSyntax(text: string): string {
  return text
    .replace(CUSTOM_EMOJI, ' ')
    .replace(USER_ROLE_CHANNEL, ' ')
    .replace(SLASH_MENTION, ' ')
    .replace(EVERYONE, ' ')
    .replace(LINK, ' ');
}

/** Splits folded text into word and number tokens ("49.59", "12:40", "norwood"). */
export function tokenise(folded: string): string[] {
  const expanded = folded
    .replace(US, ' us ')
    .replace(ORDINAL_SUFFIX, (_m, n: string) => ` ${ORDINAL_WORDS[Number(n)] ?? n} `)
    .replace(APOSTROPHES, "'")
    .replace(NEGATION, ' not')
    .replace(CLITIC, ' ')
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/#/g, ' number ')
    // A fill-in-the-blank ("Atlanta's ___ mayor") asks what goes in the blank.
    .replace(/_{2,}/g, ' what ');
  // "1,473" -> "1473"; "50.41" and "12:40" stay whole.
  return (expanded.match(TOKEN) ?? []).map((t) => (t.includes(',') ? t.replace(/,/g, '') : t));
}

/** Normalises a question for matching. Never throws; any string (or none) is accepted. */
export function normaliseQuestion(raw: unknown): NormalisedQuestion {
  const text = typeof raw === 'string' ? raw : '';
  const capped = text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
  const all = tokenise(stripDiscordSyntax(foldText(capped))).map((t) => SLANG.get(t) ?? t);
  const tokens = all.length > MAX_QUESTION_TOKENS ? all.slice(0, MAX_QUESTION_TOKENS) : all;
  // "wait, did Norwood concede?": leading fillers carry no meaning and would read as words ("wait").
  let first = 0;
  while (first < tokens.length - 1 && LEADING_FILLERS.has(tokens[first] ?? '')) first++;
  return {
    tokens: first > 0 ? tokens.slice(first) : tokens,
    polar: POLAR_OPENERS.has(tokens[first] ?? ''),
    truncated: capped.length < text.length || tokens.length < all.length,
  };
}
