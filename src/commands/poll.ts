import { pollEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /poll: the Dec. 1 poll (sponsor, sample, undecided) against the result. */
export const poll = {
  data: { name: 'poll', description: 'The Dec. 1 poll against the result' },
  execute: ({ engine }) => ({ reply: embedReply(pollEmbed(engine.kb)) }),
} satisfies Command;
