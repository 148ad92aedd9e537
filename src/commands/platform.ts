import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { factsEmbed } from '../replies/embeds.ts';
import { unknownCandidate } from '../replies/strings.ts';
import { entityChoices, isCandidate, personFact } from './people.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /platform candidate: one candidate's platform as the article gives it. */
export const platform = {
  data: {
    name: 'platform',
    description: "A candidate's platform",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'candidate',
        description: 'Bottoms or Norwood',
        required: true,
        autocomplete: true,
      },
    ],
  },
  execute: ({ engine, options }) => {
    const input = String(options.get('candidate') ?? '');
    const { who, fact } = personFact(engine.kb, input, isCandidate, 'platform', unknownCandidate);
    return { reply: embedReply(factsEmbed(`${who.name}'s platform`, [fact])) };
  },
  autocomplete: ({ engine, focused }) => entityChoices(engine.kb, focused.value, isCandidate),
} satisfies Command;
