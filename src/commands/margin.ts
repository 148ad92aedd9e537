import { marginEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /margin: votes and points, whether Georgia's 1% recount rule applies, and the 2009 comparison. */
export const margin = {
  data: { name: 'margin', description: 'How close the runoff was, the 1% recount rule, and 2009' },
  execute: ({ engine }) => ({ reply: embedReply(marginEmbed(engine.kb)) }),
} satisfies Command;
