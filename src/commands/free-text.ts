/**
 * Questions typed in chat rather than through a command. When the bot is mentioned or in a DM it
 * always replies (an answer, or "did you mean" buttons); in a Q&A channel it speaks only when
 * confident and stays silent otherwise, so ordinary conversation is left alone.
 */
import type { QaEngine } from '../engine/index.ts';
import { answerMessage, resultMessage } from '../replies/answer.ts';
import type { BotMessage } from '../replies/message.ts';
import type { DeclinedQuestion } from './types.ts';

export type FreeTextMode = 'mention' | 'dm' | 'qa-channel';

/** In a Q&A channel, answers below this confidence stay unsaid. */
export const QA_CHANNEL_MIN_CONFIDENCE = 0.75;

export interface FreeTextReply {
  readonly message: BotMessage;
  /** The fact answered, for the "same answer twice in a row" cooldown; null for abstentions. */
  readonly factId: string | null;
  readonly answered: boolean;
  /** The abstention, when the bot declined a question asked of it directly (for the unanswered log). */
  readonly declined?: DeclinedQuestion;
}

/** The reply to a chat message, or null when the bot should stay silent. */
export function answerFreeText(
  engine: QaEngine,
  text: string,
  opts: { readonly mode: FreeTextMode; readonly askerId: string },
): FreeTextReply | null {
  const result = engine.answer(text);
  if (opts.mode === 'qa-channel') {
    if (result.kind !== 'answer' || result.confidence < QA_CHANNEL_MIN_CONFIDENCE) return null;
    return {
      message: answerMessage(result, { askerId: opts.askerId }),
      factId: result.factId,
      answered: true,
    };
  }
  return {
    message: resultMessage(result, { askerId: opts.askerId }),
    factId: result.kind === 'answer' ? result.factId : null,
    answered: result.kind === 'answer',
    ...(result.kind === 'abstention' ? { declined: { question: text, result } } : {}),
  };
}
