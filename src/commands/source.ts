import { sourceEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /source: the reporters, where the figures come from, the correction, the article's date. */
export const source = {
  data: { name: 'source', description: "The article's reporters, data source and correction" },
  execute: ({ engine }) => ({ reply: embedReply(sourceEmbed(engine.kb)) }),
} satisfies Command;
