/**
 * The evaluation format (one JSON object per line) and how an engine result is judged against it:
 * an in-scope question is right when it is answered and the answer text contains one alternative
 * of every expected group (case-insensitive); an out-of-scope question is right when declined.
 */
import { z } from 'zod';
import type { QaResult } from '../engine/types.ts';

export const EvalQuestionSchema = z.union([
  z.strictObject({ id: z.string(), q: z.string(), expect: z.array(z.array(z.string()).min(1)).min(1) }),
  z.strictObject({ id: z.string(), q: z.string(), abstain: z.literal(true) }),
]);
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** Parses a .jsonl question set; throws naming the line on a malformed one. */
export function parseQuestionSet(text: string, name: string): EvalQuestion[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      const parsed = EvalQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${name}:${n}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return parsed.data;
    });
}

export type Verdict = 'right' | 'wrong' | 'missed' | 'false-answer';

/**
 * right: as expected. wrong: answered an in-scope question without the expected content.
 * missed: declined an in-scope question. false-answer: answered an out-of-scope question.
 */
export function judge(q: EvalQuestion, result: QaResult): Verdict {
  const answered = result.kind === 'answer';
  if ('abstain' in q) return answered ? 'false-answer' : 'right';
  if (!answered) return 'missed';
  const text = result.text.toLowerCase();
  return q.expect.every((group) => group.some((alt) => text.includes(alt.toLowerCase()))) ? 'right' : 'wrong';
}

export interface EvalReport {
  readonly inScope: number;
  readonly inScopeRight: number;
  readonly outOfScope: number;
  readonly outOfScopeDeclined: number;
  readonly wrong: number;
  readonly misses: readonly { q: EvalQuestion; verdict: Verdict; result: QaResult }[];
}

/** Runs a question set through `answer` and tallies the verdicts. */
export function evaluate(questions: readonly EvalQuestion[], answer: (q: string) => QaResult): EvalReport {
  let inScope = 0;
  let inScopeRight = 0;
  let outOfScope = 0;
  let outOfScopeDeclined = 0;
  let wrong = 0;
  const misses: { q: EvalQuestion; verdict: Verdict; result: QaResult }[] = [];
  for (const q of questions) {
    const result = answer(q.q);
    const verdict = judge(q, result);
    if ('abstain' in q) {
      outOfScope++;
      if (verdict === 'right') outOfScopeDeclined++;
    } else {
      inScope++;
      if (verdict === 'right') inScopeRight++;
      if (verdict === 'wrong') wrong++;
    }
    if (verdict !== 'right') misses.push({ q, verdict, result });
  }
  return { inScope, inScopeRight, outOfScope, outOfScopeDeclined, wrong, misses };
}
