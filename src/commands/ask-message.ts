import { ApplicationCommandType } from 'discord-api-types/v10';
import { TEXT } from '../replies/strings.ts';
import { questionOutcome, textReply } from './reply.ts';
import type { Command } from './types.ts';

/** Message context menu "Ask the election bot": answers the question in the chosen message. */
export const askMessage = {
  data: { name: 'Ask the election bot', type: ApplicationCommandType.Message },
  execute: ({ engine, targetMessage, invoker }) => {
    const text = targetMessage?.content ?? '';
    if (!text.trim()) return { reply: textReply(TEXT.contextMenuEmpty, true) };
    return questionOutcome(engine, text, invoker.id);
  },
} satisfies Command;
