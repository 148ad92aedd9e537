import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { factsEmbed } from '../replies/embeds.ts';
import { unknownPerson } from '../replies/strings.ts';
import { entityChoices, isProfiled, personFact } from './people.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** /candidate name: who a candidate (or anyone else the article names) is. */
export const candidate = {
  data: {
    name: 'candidate',
    description: 'Who a candidate, or anyone else in the article, is',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'For example Bottoms, Norwood, Reed, Franklin',
        required: true,
        autocomplete: true,
      },
    ],
  },
  execute: ({ engine, options }) => {
    const input = String(options.get('name') ?? '');
    const { who, fact } = personFact(engine.kb, input, isProfiled(engine.kb), 'profile', unknownPerson);
    return { reply: embedReply(factsEmbed(who.name, [fact])) };
  },
  autocomplete: ({ engine, focused }) => entityChoices(engine.kb, focused.value, isProfiled(engine.kb)),
} satisfies Command;
