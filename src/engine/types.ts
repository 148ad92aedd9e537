/** What the Q&A engine returns: an answer drawn from the article, or a reasoned abstention. */
import type { Quote } from '../data/knowledge.ts';
import type { Topic } from '../data/schema.ts';

/** A question the bot can answer, offered when it declines. */
export interface Suggestion {
  readonly factId: string;
  readonly question: string;
}

export interface Answer {
  readonly kind: 'answer';
  /** The answer a person reads, without the citation. */
  readonly text: string;
  /** The article's sentences it rests on, cleaned of PDF artefacts. */
  readonly quotes: readonly Quote[];
  /** The quoted sentences as one string. */
  readonly citation: string;
  /** Where the cited text departs from the article's words, and why. */
  readonly notes: readonly string[];
  readonly topic: Topic;
  /** 0..1: how well the question matched this fact. */
  readonly confidence: number;
  /** The person or group the answer is about, when there is one. */
  readonly entity: string | null;
  readonly factId: string;
}

export type AbstentionReason =
  /** Nothing to match: empty, only mentions, emoji or punctuation. */
  | 'empty'
  /** The question does not match anything the article says, confidently enough. */
  | 'no-match'
  /** The article is on topic but does not hold this information. */
  | 'not-in-article'
  /** Asks the bot to take a side. */
  | 'opinion'
  /** Asks for a prediction. */
  | 'prediction';

export interface Abstention {
  readonly kind: 'abstention';
  readonly reason: AbstentionReason;
  /** Why the bot declines, in a sentence a user reads. */
  readonly message: string;
  readonly suggestions: readonly Suggestion[];
  readonly topic: Topic | null;
  readonly confidence: number;
}

export type QaResult = Answer | Abstention;
