import { recountEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /recount: the call, the ballots still out, the rule and the 2009 precedent. Reports, never predicts. */
export const recount = {
  data: { name: 'recount', description: 'What the article reports about a recount' },
  execute: ({ engine }) => ({ reply: embedReply(recountEmbed(engine.kb)) }),
} satisfies Command;
