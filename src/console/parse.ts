/**
 * Parsing console input into a slash command and its options, the way Discord's client would
 * send them: `/platform candidate:Norwood`, `/candidate name:Mary Norwood`, `/ask who won?`.
 */
import type { RawOption } from '../commands/options.ts';

export type ConsoleInput =
  | { readonly kind: 'empty' }
  | { readonly kind: 'command'; readonly name: string; readonly options: RawOption[]; readonly rest: string }
  | { readonly kind: 'button'; readonly index: number }
  | { readonly kind: 'question'; readonly text: string };

const OPTION_KEY = /(?:^|\s)([a-z][a-z0-9_-]{0,31}):/g;

/**
 * Splits `key:value key2:value two` into options; values run until the next `key:`. With `names`,
 * only those keys are options, so "/ask what did reed say: loser?" keeps its colon.
 */
export function parseOptions(
  text: string,
  names?: ReadonlySet<string>,
): { options: RawOption[]; rest: string } {
  const keys = [...text.matchAll(OPTION_KEY)].filter((m) => !names || names.has(m[1] ?? ''));
  if (keys.length === 0) return { options: [], rest: text.trim() };
  const options: RawOption[] = [];
  const rest = text.slice(0, keys[0]?.index ?? 0).trim();
  keys.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = keys[i + 1]?.index ?? text.length;
    options.push({
      name: m[1] ?? '',
      value: text
        .slice(start, end)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    });
  });
  return { options, rest };
}

/** Classifies one line of console input; `optionNames` gives a command's option names when known. */
export function parseConsoleInput(
  line: string,
  optionNames?: (command: string) => ReadonlySet<string> | undefined,
): ConsoleInput {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  if (/^\d{1,2}$/.test(text)) return { kind: 'button', index: Number(text) };
  const m = /^\/([a-z][a-z0-9_-]{0,31})(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return { kind: 'question', text };
  const name = m[1] ?? '';
  const { options, rest } = parseOptions(m[2] ?? '', optionNames?.(name));
  return { kind: 'command', name, options, rest };
}
