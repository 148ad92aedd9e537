import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { resultMessage } from '../replies/answer.ts';
import type { Command } from './types.ts';

/** /ask question: any question in your own words, answered from the article or declined. */
export const ask = {
  data: {
    name: 'ask',
    description: 'Ask anything about the runoff in your own words',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'For example: who won? how close was it? what did Norwood promise?',
        required: true,
        max_length: 1000,
      },
    ],
  },
  execute: ({ engine, options, invoker }) => {
    const question = String(options.get('question') ?? '');
    const result = engine.answer(question);
    return {
      reply: resultMessage(result, { question, askerId: invoker.id }),
      question,
      ...(result.kind === 'abstention' ? { declined: { question, result } } : {}),
    };
  },
} satisfies Command;
