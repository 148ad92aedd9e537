import { resultsEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /results: both candidates with bars, the margin, the time of the count, the source and the recount. */
export const results = {
  data: {
    name: 'results',
    description: 'The runoff result: shares, margin, time of the count, recount status',
  },
  execute: ({ engine }) => ({ reply: embedReply(resultsEmbed(engine.kb)) }),
} satisfies Command;
