import { ApplicationCommandType } from 'discord-api-types/v10';
import { resultMessage } from '../replies/answer.ts';
import { TEXT } from '../replies/strings.ts';
import { textReply } from './reply.ts';
import type { Command } from './types.ts';

/** Message context menu "Ask the election bot": answers the question in the chosen message. */
export const askMessage = {
  data: { name: 'Ask the election bot', type: ApplicationCommandType.Message },
  execute: ({ engine, targetMessage, invoker }) => {
    const text = targetMessage?.content ?? '';
    if (!text.trim()) return { reply: textReply(TEXT.contextMenuEmpty, true) };
    const result = engine.answer(text);
    return {
      reply: resultMessage(result, { question: text, askerId: invoker.id }),
      question: text,
      ...(result.kind === 'abstention' ? { declined: { question: text, result } } : {}),
    };
  },
} satisfies Command;
