import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { factsEmbed } from '../replies/embeds.ts';
import { unknownCandidate } from '../replies/strings.ts';
import { entityChoices, isCandidate, personFact } from './people.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /endorsements [candidate]: who backed whom, with dates and appearances. */
export const endorsements = {
  data: {
    name: 'endorsements',
    description: 'Who endorsed or campaigned for each candidate',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'candidate',
        description: 'Bottoms or Norwood (leave empty for both)',
        required: false,
        autocomplete: true,
      },
    ],
  },
  execute: ({ engine, options }) => {
    const kb = engine.kb;
    const input = options.get('candidate');
    if (input === undefined || String(input).trim() === '') {
      const all = kb.factById.get('endorsements');
      if (!all) throw new Error('the pack has no "endorsements" fact');
      return { reply: embedReply(factsEmbed('Endorsements', [all])) };
    }
    const { who, fact } = personFact(kb, String(input), isCandidate, 'endorsements', unknownCandidate);
    return { reply: embedReply(factsEmbed(`Endorsements of ${who.name}`, [fact])) };
  },
  autocomplete: ({ engine, focused }) => entityChoices(engine.kb, focused.value, isCandidate),
} satisfies Command;
