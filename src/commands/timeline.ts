import { timelineEmbed } from '../replies/embeds.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /timeline: every dated event of the article, oldest first. */
export const timeline = {
  data: { name: 'timeline', description: 'The events of the race in date order' },
  execute: ({ engine }) => ({ reply: embedReply(timelineEmbed(engine.kb)) }),
} satisfies Command;
