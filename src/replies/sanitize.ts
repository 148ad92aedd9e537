/**
 * Making text safe to show in Discord: user text echoed back cannot format, link or ping, and
 * anything we send fits Discord's limits. Linear regular expressions only.
 */

const MARKDOWN = /[\\*_~`|>#[\]()-]/g;
const MENTION_LIKE = /@(?=[a-z0-9&!#])/gi;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
const WHITESPACE_RUN = /\s+/g;

/** Cuts text to `max` characters, ending with an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, max);
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Prepares user-typed text for echoing: invisible and direction characters removed, whitespace
 * collapsed, markdown escaped (no masked links, headings, code fences or spoilers), and every "@"
 * followed by a zero-width space so it cannot mention anyone even where mentions are parsed.
 */
export function echoUserText(text: string, max: number): string {
  const flat = text.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
  const short = truncate(flat, max);
  return short.replace(MARKDOWN, (ch) => `\\${ch}`).replace(MENTION_LIKE, '@\u200B');
}

/** Quotes article text as a Discord block quote. */
export function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
