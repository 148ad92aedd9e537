/**
 * Splits article text into sentences, keeping abbreviations ("U.S.", "Sens.", "Dec.", "a.m.",
 * "D-N.J.") inside their sentence and a closing quotation mark with the sentence it closes, even
 * where the PDF text lost the space after a full stop. Used by the benchmark's retrieval baselines.
 */

const ABBREVIATIONS = [
  'U.S.',
  'Sens.',
  'Sen.',
  'Rep.',
  'Dr.',
  'Mr.',
  'Mrs.',
  'Ms.',
  'a.m.',
  'p.m.',
  'Jan.',
  'Feb.',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
  'D-N.J.',
  'D-Calif.',
];
const HOLD = '\u0000';
const QUOTE = '"';

/** The article's sentences, in order, whitespace-normalised. */
export function splitSentences(text: string): string[] {
  let t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\u201C\u201D]/g, QUOTE);
  for (const a of ABBREVIATIONS) t = t.split(a).join(a.replaceAll('.', HOLD));
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === QUOTE) inQuote = !inQuote;
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    let quoteOpen: boolean = inQuote;
    if (t[end] === QUOTE && inQuote) {
      end++; // the quotation closes with the sentence
      quoteOpen = false;
    }
    let k = end;
    while (t[k] === ' ') k++;
    const next = t[k] ?? '';
    const opensQuote = next === QUOTE && !quoteOpen;
    if (k < t.length && (/[A-Z]/.test(next) || opensQuote)) {
      out.push(t.slice(start, end));
      start = k;
      inQuote = quoteOpen;
      i = k - 1;
    }
  }
  out.push(t.slice(start));
  return out.map((s) => s.replaceAll(HOLD, '.').trim()).filter((s) => s.length > 0);
}
