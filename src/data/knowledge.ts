/**
 * The validated, compiled form of a knowledge pack that the rest of the bot reads. Built once by
 * `loadPack`/`parsePack`; immutable afterwards, so a reload swaps the whole object.
 */
import type { Derived } from './derive.ts';
import type { EntityKind, Figures, Topic } from './schema.ts';
import type { TextCorrection } from './text.ts';

export interface Entity {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly short: string;
  readonly aliases: readonly string[];
}

/** A sentence of the article: verbatim, and cleaned of PDF artefacts for display. */
export interface Quote {
  readonly verbatim: string;
  readonly text: string;
  /** Why the cleaned text departs from the article's words, where it does beyond spacing. */
  readonly notes: readonly string[];
}

/** The notes of some quotes, each once, in order. */
export function notesOf(quotes: readonly Quote[]): string[] {
  return [...new Set(quotes.flatMap((q) => q.notes))];
}

export interface FactVariant {
  readonly when: readonly string[];
  readonly prefix: string | undefined;
  readonly answer: string | undefined;
  readonly decline: boolean;
}

export interface Fact {
  readonly id: string;
  readonly topic: Topic;
  readonly about: readonly string[];
  readonly question: string;
  /** The rendered answer (templates filled). */
  readonly answer: string;
  readonly quotes: readonly Quote[];
  readonly need: readonly (readonly string[])[];
  readonly cues: Readonly<Record<string, number>>;
  readonly variants: readonly FactVariant[];
  readonly decline: boolean;
  readonly suggest: readonly string[];
  readonly strict: boolean;
  /** Entities named anywhere in the answer (computed), which a question may mention freely. */
  readonly mentions: readonly string[];
}

export interface Concept {
  readonly id: string;
  readonly kind: 'question' | 'generic' | 'specific';
  readonly penalty: number | undefined;
  readonly demand: boolean;
  readonly terms: readonly string[];
}

export interface KnowledgeBase {
  readonly id: string;
  readonly title: string;
  /** The article exactly as stored. */
  readonly article: string;
  readonly corrections: readonly TextCorrection[];
  readonly entities: ReadonlyMap<string, Entity>;
  readonly candidates: readonly Entity[];
  readonly concepts: ReadonlyMap<string, Concept>;
  readonly figures: Figures;
  readonly derived: Derived;
  /** Template values: stored and computed figures, formatted. */
  readonly values: ReadonlyMap<string, string>;
  readonly facts: readonly Fact[];
  readonly factById: ReadonlyMap<string, Fact>;
}
