/** Reading the share bars of result cards the way a user sees them. */

const EIGHTHS: Readonly<Record<string, number>> = {
  '█': 8,
  '▏': 1,
  '▎': 2,
  '▍': 3,
  '▌': 4,
  '▋': 5,
  '▊': 6,
  '▉': 7,
};

/** How long a bar looks, in eighths of a character cell. Throws on a character that is not a bar. */
export function barEighths(bar: string): number {
  return [...bar].reduce((n, ch) => {
    const v = EIGHTHS[ch];
    if (v === undefined) throw new Error(`unexpected character ${JSON.stringify(ch)} in a bar`);
    return n + v;
  }, 0);
}
