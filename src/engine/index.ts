/** The Q&A engine's public face: build it once per knowledge pack, then ask it questions. */
import type { KnowledgeBase } from '../data/knowledge.ts';
import { buildIndex, type MatcherIndex } from './analyse.ts';
import { answerQuestion, factAnswer } from './answer.ts';
import type { Answer, QaResult } from './types.ts';

export type { Abstention, Answer, QaResult, Suggestion } from './types.ts';

/** A knowledge pack with its matcher index: everything needed to answer. Immutable. */
export interface QaEngine {
  readonly kb: KnowledgeBase;
  readonly index: MatcherIndex;
  /** Answers a question, or abstains with suggestions. Pure; never throws. */
  answer(question: string): QaResult;
  /** States one fact of the pack by id (a "did you mean" click); undefined for unknown or declining facts. */
  answerFact(factId: string): Answer | undefined;
}

/** Builds the engine for a pack (indexes its lexicon, names and facts). */
export function createEngine(kb: KnowledgeBase): QaEngine {
  const index = buildIndex(kb);
  return {
    kb,
    index,
    answer: (question: string) => answerQuestion(index, question),
    answerFact: (factId: string) => {
      const fact = kb.factById.get(factId);
      return fact && !fact.decline ? factAnswer(fact) : undefined;
    },
  };
}
