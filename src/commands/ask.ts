import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { questionOutcome } from './reply.ts';
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
  execute: ({ engine, options, invoker }) =>
    questionOutcome(engine, String(options.get('question') ?? ''), invoker.id),
} satisfies Command;
