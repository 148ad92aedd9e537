import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { factsEmbed } from '../replies/embeds.ts';
import { unknownCandidate } from '../replies/strings.ts';
import { entityChoices, isCandidate, resolveEntity } from './people.ts';
import { embedReply } from './reply.ts';
import { type Command, UserError } from './types.ts';

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
    const kb = engine.kb;
    const input = String(options.get('candidate') ?? '');
    const who = resolveEntity(kb, input, isCandidate);
    const fact = who && kb.factById.get(`platform-${who.id}`);
    if (!who || !fact)
      throw new UserError(
        unknownCandidate(
          input,
          kb.candidates.map((c) => c.name),
        ),
      );
    return { reply: embedReply(factsEmbed(`${who.name}'s platform`, [fact])) };
  },
  autocomplete: ({ engine, focused }) => entityChoices(engine.kb, focused.value, isCandidate),
} satisfies Command;
