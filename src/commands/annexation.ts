import { annexationEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /annexation: what was approved and when, who could not vote, where the candidates stood. */
export const annexation = {
  data: { name: 'annexation', description: "Emory's annexation into Atlanta and who could vote" },
  execute: ({ engine }) => ({ reply: embedReply(annexationEmbed(engine.kb)) }),
} satisfies Command;
