/**
 * The Q&A engine: question text in, an Answer or an Abstention out. Pure and synchronous; it reads
 * only the index built from the knowledge pack.
 *
 * Every fact of the pack says which concepts a question must contain (`need`) and which make it a
 * better match (`cues`). A fact's score is the weight of what it explains in the question minus a
 * penalty for what it leaves unexplained (words the article never uses, years it never mentions,
 * names it does not concern). Confidence is explained / (explained + unexplained). Below the floor
 * the engine abstains and suggests the closest questions it can answer: it never guesses.
 */
import { type Fact, notesOf } from '../data/knowledge.ts';
import { analyse, type MatcherIndex, type Span, stemOf } from './analyse.ts';
import { MAX_QUESTION_CHARS, normaliseQuestion } from './normalise.ts';
import type { Abstention, AbstentionReason, Answer, QaResult, Suggestion } from './types.ts';

/** Tuning of the scorer, in one frozen place. */
export const SCORING = Object.freeze({
  /** Below this confidence the engine abstains. */
  confidenceFloor: 0.62,
  /** Below this explained weight the engine abstains, however clean the question. */
  minExplained: 1.5,
  /** Weight of a `need` term that has no explicit cue weight. */
  needWeight: 1,
  /** Credit for naming an entity the answer mentions without being about it. */
  mentionWeight: 0.3,
  /** Scale applied to terms that came from a typo correction. */
  correctedScale: 0.85,
  /** Taken from a fact about both candidates for each one the question does not name. */
  focusPenalty: 0.2,
  /** Penalties for spans a fact does not explain. */
  penalty: {
    question: 0.15,
    generic: 0.1,
    specific: 0.6,
    entity: 2,
    knownNumber: 0.3,
    /** A small number the article does not have (a fact-check: "won by like 700 votes?"). */
    unknownNumber: 0.5,
    /** A large number the article does not have. */
    unknownLargeNumber: 0.7,
    /** A year the article does not mention: almost always another election. */
    unknownYear: 3,
    /** Extra penalty when a fact leaves the thing a "what/which X" question asks for unexplained. */
    target: 1,
    articleWord: 0.6,
    englishWord: 1,
    unknown: 1.5,
  },
  maxSuggestions: 3,
});

export interface Scored {
  readonly fact: Fact;
  readonly explained: number;
  readonly unexplained: number;
  readonly score: number;
  readonly confidence: number;
}

function spanPenalty(index: MatcherIndex, span: Span): number {
  const p = SCORING.penalty;
  switch (span.kind) {
    case 'known-number':
      return p.knownNumber;
    case 'unknown-number':
      if (/^(?:19|20)\d\d$/.test(span.text)) return p.unknownYear;
      return span.text.length >= 4 ? p.unknownLargeNumber : p.unknownNumber;
    case 'article-word':
      return p.articleWord;
    case 'english-word':
      return p.englishWord;
    case 'unknown':
      return p.unknown;
    case 'term': {
      let worst = 0;
      for (const t of span.terms) {
        worst = Math.max(worst, index.termPenalty.get(t) ?? p[index.termKind.get(t) ?? 'specific']);
      }
      return worst;
    }
  }
}

/** What a span costs a fact that leaves it unexplained, worked out once per question. */
interface SpanCost {
  readonly penalty: number;
  /** Some term is a question word or a generic one ("who", "the election"). */
  readonly loose: boolean;
  /** The stem of an article word, for strict facts that tolerate their own quotes' words. */
  readonly stem: string | undefined;
}

function spanCost(index: MatcherIndex, span: Span): SpanCost {
  return {
    penalty: spanPenalty(index, span),
    loose: span.terms.some((t) => {
      const kind = index.termKind.get(t);
      return kind === 'question' || kind === 'generic';
    }),
    stem: span.kind === 'article-word' ? stemOf(span.text) : undefined,
  };
}

/** The question as read once, to score every fact against. */
interface Reading {
  readonly spans: readonly Span[];
  readonly costs: readonly SpanCost[];
  readonly present: ReadonlySet<string>;
  /** The question names someone. */
  readonly namesEntity: boolean;
  readonly lead: string | undefined;
  readonly target: Span | undefined;
  readonly alternatives: ReadonlySet<string>;
}

function scoreFact(index: MatcherIndex, fact: Fact, q: Reading): Scored | null {
  const { spans, costs, present } = q;
  for (const group of fact.need) if (!group.some((t) => present.has(t))) return null;
  // "How many ...", "When ...", "Why ..." want a count, a time, a reason: only facts that give one.
  if (q.lead !== undefined && fact.cues[q.lead] === undefined) return null;

  const needTerms = index.needTerms.get(fact.id);
  const weightOf = (term: string): number => {
    const cue = fact.cues[term];
    if (cue !== undefined) return cue;
    if (index.termKind.get(term) === 'entity') {
      if (fact.about.includes(term)) return index.entityWeight.get(term) ?? 1;
      if (fact.mentions.includes(term)) return SCORING.mentionWeight;
    }
    return needTerms?.has(term) ? SCORING.needWeight : 0;
  };

  let explained = 0;
  let unexplained = 0;
  const counted = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    const cost = costs[i] as SpanCost;
    let best = 0;
    let bestTerm: string | undefined;
    for (const t of span.terms) {
      const w = weightOf(t);
      if (w > best) {
        best = w;
        bestTerm = t;
      }
    }
    if (bestTerm === undefined) {
      // "Bottoms or Norwood?": the name the answer is not about is one of the options, not a mismatch.
      if (span.terms.some((t) => q.alternatives.has(t))) continue;
      if (span === q.target) unexplained += SCORING.penalty.target;
      const ownWord = cost.stem !== undefined && index.quoteStems.get(fact.id)?.has(cost.stem);
      // A strict fact (a profile, a platform) answers "who is X", not "who is X's husband".
      if (fact.strict && span.kind !== 'known-number' && !ownWord && !cost.loose) return null;
      unexplained += cost.penalty;
      continue;
    }
    // Each concept counts once, however many words say it.
    if (counted.has(bestTerm)) continue;
    counted.add(bestTerm);
    explained += span.corrected ? best * SCORING.correctedScale : best;
  }
  // A fact about both candidates loses a little focus when the question names only one of them, so
  // "what did Norwood get" prefers Norwood's share to the two-candidate results.
  if (q.namesEntity) {
    const missing = fact.about.filter(
      (e) => !present.has(e) && index.kb.entities.get(e)?.kind === 'candidate',
    );
    explained -= SCORING.focusPenalty * missing.length;
  }
  const score = explained - unexplained;
  const confidence = explained <= 0 ? 0 : explained / (explained + unexplained);
  return { fact, explained, unexplained, score, confidence };
}

/**
 * Up to three questions the bot can answer, closest first: facts the question partly matched, then
 * facts about the people it names, then the most asked ones.
 */
function suggestionsFor(
  index: MatcherIndex,
  ranked: readonly Scored[],
  spans: readonly Span[],
): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    const f = index.kb.factById.get(id);
    if (!f || f.decline || seen.has(id) || out.length >= SCORING.maxSuggestions) return;
    seen.add(id);
    out.push({ factId: f.id, question: f.question });
  };
  for (const s of ranked) if (s.explained > 0) add(s.fact.id);
  const named = spans.flatMap((s) => s.terms).filter((t) => index.termKind.get(t) === 'entity');
  for (const e of named) {
    add(`profile-${e}`);
    for (const f of index.kb.facts) if (f.about[0] === e) add(f.id);
  }
  for (const id of ['winner', 'margin', 'platforms']) add(id);
  return out;
}

function abstain(
  reason: AbstentionReason,
  message: string,
  suggestions: readonly Suggestion[],
  best?: Scored,
): Abstention {
  return {
    kind: 'abstention',
    reason,
    message,
    suggestions,
    topic: best?.fact.topic ?? null,
    confidence: best ? Math.round(best.confidence * 1000) / 1000 : 0,
  };
}

/** Default messages of the engine's abstentions (front doors may add their own framing). */
export const ABSTENTION_MESSAGES = Object.freeze({
  empty: 'Ask me a question about the 2017 Atlanta mayoral runoff, for example "Who won?"',
  noMatch: "I can't find that in the article.",
});

function reasonOfDecline(fact: Fact): AbstentionReason {
  if (fact.topic === 'opinion') return 'opinion';
  if (fact.topic === 'prediction') return 'prediction';
  return 'not-in-article';
}

const TARGET_OPENERS = new Set(['what', 'which', 'whose']);
const TARGET_SKIP = new Set([
  'is',
  'was',
  'are',
  'were',
  'the',
  'a',
  'an',
  'kind',
  'kinds',
  'type',
  'sort',
  'of',
]);

/**
 * The thing a "what X ..." or "which X ..." question asks for ("which neighborhoods", "what
 * deadline"): a fact that leaves it unexplained does not answer the question, however much else
 * it matches.
 */
function targetSpan(
  index: MatcherIndex,
  tokens: readonly string[],
  spans: readonly Span[],
): Span | undefined {
  // Leading fillers ("so which ...") are already gone: normaliseQuestion drops them.
  if (!TARGET_OPENERS.has(tokens[0] ?? '')) return undefined;
  let i = 1;
  while (i < tokens.length && TARGET_SKIP.has(tokens[i] ?? '')) i++;
  const span = spans.find((s) => s.start === i);
  if (!span) return undefined;
  if (span.kind === 'known-number') return undefined;
  // "which candidate" asks who, like "which" alone; only a specific thing ("which neighborhoods") is a target.
  if (
    span.kind === 'term' &&
    span.terms.every((t) => ['question', 'generic'].includes(index.termKind.get(t) ?? ''))
  ) {
    return undefined;
  }
  return span;
}

const CHOICE_WORDS = new Set(['or', 'vs', 'versus']);

/** Candidates offered as a choice ("who went to Emory, Bottoms or Norwood?"). */
function alternativesOf(
  index: MatcherIndex,
  tokens: readonly string[],
  spans: readonly Span[],
): ReadonlySet<string> {
  if (!tokens.some((t) => CHOICE_WORDS.has(t))) return new Set();
  const named = spans.flatMap((s) => s.terms).filter((t) => index.kb.entities.get(t)?.kind === 'candidate');
  return new Set(named.length >= 2 ? named : []);
}

/** How the engine read a question: its spans and every fact that could answer it, best first. */
interface Analysis {
  readonly spans: readonly Span[];
  readonly present: ReadonlySet<string>;
  readonly ranked: readonly Scored[];
}

/** Analyses a question and ranks the facts. */
function rankFacts(index: MatcherIndex, question: string): Analysis {
  const q = normaliseQuestion(question);
  const spans = analyse(index, q.tokens);
  const present = new Set<string>(spans.flatMap((s) => s.terms));
  if (q.polar) present.add('POLAR');
  // A bare name ("peter aman?") asks who that is.
  if (spans.length > 0 && spans.every((s) => s.terms.some((t) => index.termKind.get(t) === 'entity'))) {
    present.add('ABOUT');
  }
  const ranked: Scored[] = [];
  if (spans.length > 0) {
    const reading: Reading = {
      spans,
      costs: spans.map((s) => spanCost(index, s)),
      present,
      namesEntity: [...present].some((t) => index.termKind.get(t) === 'entity'),
      lead: spans[0]?.terms.find((t) => index.demanding.has(t)),
      target: targetSpan(index, q.tokens, spans),
      alternatives: alternativesOf(index, q.tokens, spans),
    };
    for (const fact of index.kb.facts) {
      const s = scoreFact(index, fact, reading);
      if (s) ranked.push(s);
    }
  }
  ranked.sort((a, b) => b.score - a.score || b.confidence - a.confidence);
  return { spans, present, ranked };
}

/** Most sentences of a long message tried on their own when the whole does not match. */
const MAX_PARTS = 4;
/** From this many words a message's parts are all tried, questions and the last first. */
const MIN_WORDS_TO_SPLIT = 10;
/** A sentence or clause: up to . ! ? , ; or a line break (a full stop inside a number stays). */
const SENTENCE = /(?:[^.!?\n,;]|\.(?=\d))+[.!?,;]*/g;
/** "who won and what does that mean for emory": a second question joined by "and". */
const AND_QUESTION =
  /\s+and\s+(?:like\s+|also\s+)?(?=(?:what|who|how|why|when|where|which|did|does|is|was|were|are|can|could)\b)/gi;

/**
 * The sentences of a long message worth trying alone, questions first and the last one first:
 * "I was reading about the runoff last night and I'm confused. So who won?"
 */
export function questionParts(text: string): string[] {
  if (typeof text !== 'string') return [];
  const words = text.split(/\s+/).length;
  // The end of a long message is where its question usually is.
  const tail = text.length > MAX_QUESTION_CHARS ? text.slice(-MAX_QUESTION_CHARS) : text;
  const parts = (tail.replace(AND_QUESTION, '? ').match(SENTENCE) ?? [])
    .map((p) => p.trim())
    .filter((p) => p.split(/\s+/).length >= 2);
  if (parts.length < 2) return [];
  // A short message is a question with an aside ("who did the poll, was it gallup?"): only its
  // first clause is the question; a later one ("a council member?") is not.
  if (words < MIN_WORDS_TO_SPLIT) return parts.slice(0, 1);
  const questions = parts.filter((p) => p.endsWith('?')).reverse();
  const others = parts.filter((p) => !p.endsWith('?')).reverse();
  return [...questions, ...others].slice(0, MAX_PARTS);
}

/** Answers a question from the knowledge pack, or abstains with suggestions. Never throws. */
export function answerQuestion(index: MatcherIndex, question: string): QaResult {
  const whole = answerOne(index, question);
  if (whole.kind === 'answer' || whole.reason !== 'no-match') return whole;
  for (const part of questionParts(question)) {
    const r = answerOne(index, part);
    if (r.kind === 'answer') return r;
  }
  return whole;
}

function answerOne(index: MatcherIndex, question: string): QaResult {
  const { spans, present, ranked } = rankFacts(index, question);
  if (spans.length === 0) {
    return abstain('empty', ABSTENTION_MESSAGES.empty, suggestionsFor(index, [], []));
  }
  const best = ranked[0];

  if (!best || best.confidence < SCORING.confidenceFloor || best.explained < SCORING.minExplained) {
    return abstain('no-match', ABSTENTION_MESSAGES.noMatch, suggestionsFor(index, ranked, spans), best);
  }

  const fact = best.fact;
  const variant = fact.variants.find((v) => v.when.every((t) => present.has(t)));
  if (fact.decline || variant?.decline) {
    const message = variant?.decline ? (variant.answer ?? fact.answer) : fact.answer;
    const suggestions = fact.suggest
      .map((id) => index.kb.factById.get(id))
      .filter((f): f is Fact => f !== undefined)
      .map((f) => ({ factId: f.id, question: f.question }));
    return abstain(reasonOfDecline(fact), message, suggestions, best);
  }

  const body = variant?.answer ?? fact.answer;
  const text = variant?.prefix ? `${variant.prefix} ${body}` : body;
  const entity = fact.about.find((e) => present.has(e));
  return factAnswer(fact, text, best.confidence, entity);
}

/** An Answer stating a fact (with the given text, by default the fact's own answer). */
export function factAnswer(fact: Fact, text = fact.answer, confidence = 1, entity?: string): Answer {
  return {
    kind: 'answer',
    text,
    quotes: fact.quotes,
    citation: fact.quotes.map((x) => x.text).join(' '),
    notes: notesOf(fact.quotes),
    topic: fact.topic,
    confidence: Math.round(Math.min(1, confidence) * 1000) / 1000,
    entity: entity ?? (fact.about.length === 1 ? (fact.about[0] ?? null) : null),
    factId: fact.id,
  };
}
