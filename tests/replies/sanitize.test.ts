import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockQuote, echoUserText, truncate } from '../../src/replies/sanitize.ts';

const ZWSP = '\u200B';
/** Characters Discord reads as markdown in user text we echo. */
const MARKDOWN_CHARS = new Set(['\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '-']);

/** Markdown characters in `out` that are not escaped by a preceding backslash. */
function unescapedMarkdown(out: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const ch = out[i] ?? '';
    if (ch === '\\') {
      i++; // the next character is escaped
      continue;
    }
    if (MARKDOWN_CHARS.has(ch)) found.push(ch);
  }
  return found;
}

/** What the text reads as once Discord has applied the escapes and hidden the zero-width spaces. */
function asRendered(out: string): string {
  return out.replace(/\\(.)/g, '$1').replaceAll(ZWSP, '');
}

/** What Discord reads as a mention: @everyone, @here, <@id>, <@!id>, <@&id>. */
const LIVE_AT = /@(?:everyone|here)|<@[!&]?\d/i;

/** Pieces that combine into mentions, markdown and invisible tricks. */
const HOSTILE_PIECES = fc.constantFrom(
  ...['@', 'everyone', 'here', '<', '>', '!', '&', '123', 'x', ' ', '\n', ZWSP, '\u202E'],
  ...MARKDOWN_CHARS,
);

describe('truncate', () => {
  it('GIVEN text within the limit THEN returns it unchanged', () => {
    expect(truncate('Who won?', 8)).toBe('Who won?');
  });

  it('GIVEN text over the limit THEN cuts it to the limit, ending with an ellipsis', () => {
    const out = truncate('a'.repeat(50), 10);
    expect(out).toHaveLength(10);
    expect(out.endsWith('…')).toBe(true);
    expect(out.startsWith('a'.repeat(9))).toBe(true);
  });

  it('GIVEN a cut that falls after a space THEN leaves no space before the ellipsis', () => {
    expect(truncate('one two three', 5)).toBe('one…');
  });
});

describe('echoUserText', () => {
  it('GIVEN @everyone and @here THEN neither can ping', () => {
    const out = echoUserText('hey @everyone and @here', 100);
    expect(out).not.toMatch(LIVE_AT);
    expect(asRendered(out)).toBe('hey @everyone and @here');
  });

  it('GIVEN user, nickname and role mentions THEN each "@" is broken by a zero-width space', () => {
    const out = echoUserText('<@123> <@!456> <@&789>', 100);
    expect(out).not.toMatch(LIVE_AT);
    expect(out).toContain(`@${ZWSP}123`);
    expect(out).toContain(`@${ZWSP}!456`);
    expect(out).toContain(`@${ZWSP}&789`);
  });

  it('GIVEN a masked link THEN it is shown as text, not a link', () => {
    const out = echoUserText('[x](https://evil.example)', 100);
    expect(unescapedMarkdown(out)).toEqual([]);
    expect(asRendered(out)).toBe('[x](https://evil.example)');
  });

  it.each([
    ['a code fence', '```js\nalert(1)```'],
    ['a spoiler', '||spoiler||'],
    ['a heading', '# heading'],
    ['a block quote', '>>> quoted'],
    ['bold, italics and strike-through', '**b** _i_ ~~s~~'],
    ['subtext', '-# small'],
  ])('GIVEN %s THEN every markdown character is escaped', (_what, input) => {
    const out = echoUserText(input, 100);
    expect(unescapedMarkdown(out)).toEqual([]);
    expect(asRendered(out)).toBe(input.replace(/\s+/g, ' '));
  });

  it('GIVEN invisible and direction-changing characters THEN they are removed', () => {
    const out = echoUserText(`who\u202E won${ZWSP}?\uFEFF`, 100);
    expect(out).toBe('who won?');
  });

  it('GIVEN newlines and runs of spaces THEN they collapse to single spaces', () => {
    expect(echoUserText('  who \n\n   won?  ', 100)).toBe('who won?');
  });

  it('GIVEN text longer than the limit THEN what is shown is cut to the limit with an ellipsis', () => {
    const out = echoUserText('who won '.repeat(100), 40);
    const shown = asRendered(out);
    expect(shown.length).toBeLessThanOrEqual(40);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('GIVEN any text THEN nothing can ping and no markdown character stays live', () => {
    fc.assert(
      fc.property(fc.string({ unit: HOSTILE_PIECES, maxLength: 40 }), (input) => {
        const out = echoUserText(input, 300);
        expect(out).not.toMatch(LIVE_AT);
        expect(unescapedMarkdown(out)).toEqual([]);
      }),
    );
  });
});

describe('blockQuote', () => {
  it('GIVEN several lines THEN every line is quoted', () => {
    expect(blockQuote('first\nsecond')).toBe('> first\n> second');
  });
});
