/**
 * The matcher's index over a knowledge pack, and the analysis of a question against it: tokens are
 * typo-corrected, stemmed, and grouped into the longest lexicon phrases ("public safety",
 * "young democrats of emory"), each carrying the concepts and entities it means. What is left is
 * classified (a function word, a number the article has or has not, a word of the article the
 * lexicon does not cover, or an unknown word) so the scorer can weigh it.
 */
import { stemmer } from 'stemmer';
import type { KnowledgeBase } from '../data/knowledge.ts';
import { type Corrector, commonEnglishWords, createCorrector } from './fuzzy.ts';
import { foldText, tokenise } from './normalise.ts';
import { SLANG, STOPWORDS } from './words.ts';

/** How a term counts when a fact does not use it. */
export type TermKind = 'question' | 'generic' | 'specific' | 'entity';

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  terms: Set<string> | undefined;
}

export interface MatcherIndex {
  readonly kb: KnowledgeBase;
  readonly trie: TrieNode;
  readonly corrector: Corrector;
  readonly termKind: ReadonlyMap<string, TermKind>;
  /** Penalty overrides of concepts that say a lot when a fact leaves them unexplained. */
  readonly termPenalty: ReadonlyMap<string, number>;
  /** Question concepts that, leading a question, only facts cueing them may answer ("how many"). */
  readonly demanding: ReadonlySet<string>;
  readonly english: ReadonlySet<string>;
  /** Weight of an entity when a fact is about it: rarer entities say more (an IDF). */
  readonly entityWeight: ReadonlyMap<string, number>;
  readonly articleStems: ReadonlySet<string>;
  /** Stems of each fact's quoted sentences: a strict fact tolerates the words of its own quotes. */
  readonly quoteStems: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every term each fact needs, flattened once. */
  readonly needTerms: ReadonlyMap<string, ReadonlySet<string>>;
  readonly articleNumbers: ReadonlySet<string>;
}

/** Stems a token; numbers stay as they are. */
export function stemOf(token: string): string {
  return /^\d/.test(token) ? token : stemmer(token);
}

/** A lexicon term's stems, read the way questions are read (slang and number words mapped). */
function termTokens(term: string): string[] {
  return tokenise(foldText(term))
    .map((t) => SLANG.get(t) ?? t)
    .map(stemOf);
}

function insert(root: TrieNode, stems: readonly string[], term: string): void {
  if (stems.length === 0) return;
  let node = root;
  for (const s of stems) {
    let child = node.next.get(s);
    if (!child) {
      child = { next: new Map(), terms: undefined };
      node.next.set(s, child);
    }
    node = child;
  }
  node.terms ??= new Set();
  node.terms.add(term);
}

/** Builds the matcher index for a pack. Run once per pack load. */
export function buildIndex(kb: KnowledgeBase): MatcherIndex {
  const trie: TrieNode = { next: new Map(), terms: undefined };
  const termKind = new Map<string, TermKind>();
  const termPenalty = new Map<string, number>();
  const demanding = new Set<string>();
  const vocabulary = new Set<string>();

  for (const c of kb.concepts.values()) {
    termKind.set(c.id, c.kind);
    if (c.penalty !== undefined) termPenalty.set(c.id, c.penalty);
    if (c.demand) demanding.add(c.id);
    for (const term of c.terms) {
      insert(trie, termTokens(term), c.id);
      for (const w of tokenise(foldText(term))) vocabulary.add(w);
    }
  }
  for (const e of kb.entities.values()) {
    termKind.set(e.id, 'entity');
    for (const alias of e.aliases) {
      insert(trie, termTokens(alias), e.id);
      for (const w of tokenise(foldText(alias))) vocabulary.add(w);
    }
  }

  const df = new Map<string, number>();
  for (const f of kb.facts) for (const e of f.about) df.set(e, (df.get(e) ?? 0) + 1);
  const entityWeight = new Map<string, number>();
  for (const e of kb.entities.keys()) {
    const n = df.get(e) ?? 1;
    entityWeight.set(e, 1 + Math.log(kb.facts.length / n) / 2);
  }

  const articleTokens = tokenise(foldText(kb.article));
  const english = commonEnglishWords();
  return {
    kb,
    trie,
    // Corrections aim at the words of terms and names ("limts" in "term limts") and at function words
    // ("peole" is "people", then ignored).
    corrector: createCorrector([...vocabulary, ...STOPWORDS], english, STOPWORDS),
    termKind,
    termPenalty,
    demanding,
    english,
    entityWeight,
    articleStems: new Set(articleTokens.filter((t) => !/^\d/.test(t)).map(stemOf)),
    quoteStems: new Map(
      kb.facts.map((f) => [f.id, new Set(f.quotes.flatMap((q) => tokenise(foldText(q.text)).map(stemOf)))]),
    ),
    needTerms: new Map(kb.facts.map((f) => [f.id, new Set(f.need.flat())])),
    articleNumbers: new Set(articleTokens.filter((t) => /^\d/.test(t))),
  };
}

/** A run of question tokens and what it means. */
export interface Span {
  /** Index of the span's first token in the question. */
  readonly start: number;
  readonly text: string;
  /** Concepts and entities this span means (empty for unmatched words). */
  readonly terms: readonly string[];
  /** For unmatched words: why they are unmatched. */
  readonly kind: 'term' | 'known-number' | 'unknown-number' | 'article-word' | 'english-word' | 'unknown';
  /** The span came from a typo correction. */
  readonly corrected: boolean;
}

/** Splits normalised tokens into meaningful spans. Function words are dropped. */
export function analyse(index: MatcherIndex, tokens: readonly string[]): Span[] {
  const corrected: boolean[] = [];
  // Words as read after typo correction ("becmae" -> "became", then a function word).
  const words: string[] = [];
  const stems: string[] = [];
  tokens.forEach((t, i) => {
    const stem = stemOf(t);
    const fix =
      index.trie.next.has(stem) || STOPWORDS.has(t) || /^\d/.test(t) ? undefined : index.corrector.correct(t);
    if (fix !== undefined) corrected[i] = true;
    words.push(fix ?? t);
    stems.push(fix === undefined ? stem : stemOf(fix));
  });

  const spans: Span[] = [];
  let i = 0;
  while (i < stems.length) {
    // Longest lexicon phrase starting here.
    let node = index.trie.next.get(stems[i] ?? '');
    let end = -1;
    let terms: Set<string> | undefined;
    let j = i;
    while (node) {
      if (node.terms) {
        end = j;
        terms = node.terms;
      }
      j++;
      node = j < stems.length ? node.next.get(stems[j] ?? '') : undefined;
    }
    if (terms && end >= i) {
      spans.push({
        start: i,
        text: tokens.slice(i, end + 1).join(' '),
        terms: [...terms],
        kind: 'term',
        corrected: corrected.slice(i, end + 1).some(Boolean),
      });
      i = end + 1;
      continue;
    }
    const token = words[i] ?? '';
    const stem = stems[i] ?? '';
    const start = i;
    i++;
    if (STOPWORDS.has(token) || token.length === 1) continue;
    if (/^\d/.test(token)) {
      const kind = index.articleNumbers.has(token) ? 'known-number' : 'unknown-number';
      spans.push({ start, text: token, terms: [], kind, corrected: false });
    } else if (index.articleStems.has(stem)) {
      spans.push({ start, text: token, terms: [], kind: 'article-word', corrected: false });
    } else {
      // A common English word the article never uses is usually a topic it does not cover; a
      // non-word that no correction reaches is a name it does not know, or noise.
      const kind = index.english.has(token) ? 'english-word' : 'unknown';
      spans.push({ start, text: token, terms: [], kind, corrected: false });
    }
  }
  return spans;
}
