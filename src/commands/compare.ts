import { compareEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /compare: both platforms side by side, neutrally. */
export const compare = {
  data: { name: 'compare', description: "Both candidates' platforms side by side" },
  execute: ({ engine }) => ({ reply: embedReply(compareEmbed(engine.kb)) }),
} satisfies Command;
