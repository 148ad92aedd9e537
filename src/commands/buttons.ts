/**
 * Button clicks, answered purely: a "did you mean" suggestion, helpful / not helpful, delete.
 * Forged or outdated ids get a clear private message; permission to delete is checked here.
 */

import type { QaEngine } from '../engine/index.ts';
import { answerMessage } from '../replies/answer.ts';
import { decodeButton } from '../replies/custom-ids.ts';
import { TEXT } from '../replies/strings.ts';
import { textReply } from './reply.ts';
import { type CommandOutcome, type Invoker, UserError } from './types.ts';

export interface ButtonContext {
  readonly engine: QaEngine;
  readonly customId: string;
  readonly invoker: Invoker;
}

/** Answers a button click. Throws UserError for ids it cannot act on. */
export function handleButton({ engine, customId, invoker }: ButtonContext): CommandOutcome {
  const decoded = decodeButton(customId);
  if (!decoded.ok) throw new UserError(decoded.stale ? TEXT.staleButton : TEXT.unknownButton);
  const action = decoded.action;
  switch (action.kind) {
    case 'ask': {
      const answer = engine.answerFact(action.factId);
      if (!answer) throw new UserError(TEXT.staleButton);
      return { reply: answerMessage(answer, { askerId: invoker.id }) };
    }
    case 'feedback':
      return {
        reply: textReply(TEXT.feedbackThanks, true),
        effect: { kind: 'feedback', helpful: action.helpful, factId: action.factId },
      };
    case 'delete':
      if (invoker.id !== action.askerId && !invoker.isModerator) throw new UserError(TEXT.deleteRefused);
      return { reply: textReply(TEXT.deleted, true), effect: { kind: 'delete-message' } };
  }
}
