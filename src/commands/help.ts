import type { APIEmbed } from 'discord-api-types/v10';
import { ANSWER_COLOUR } from '../replies/answer.ts';
import { embedReply } from './reply.ts';
import type { Command } from './types.ts';

/** The help card: every slash command with its description, and how to ask in your own words. */
export function helpEmbed(
  list: readonly { readonly data: { readonly name: string; readonly description?: string } }[],
): APIEmbed {
  const lines = list
    .filter((c) => c.data.description)
    .map((c) => `**/${c.data.name}** — ${c.data.description}`);
  return {
    color: ANSWER_COLOUR,
    title: 'Election Q&A: the 2017 Atlanta mayoral runoff',
    description: [
      'I answer from one news article about the Dec. 5, 2017 runoff between Keisha Lance Bottoms and Mary Norwood, and quote the sentence each answer rests on. If the article does not say, I tell you so.',
      '',
      ...lines,
      '',
      'You can also mention me or DM me a question in your own words, or right-click a message → Apps → **Ask the election bot**.',
    ].join('\n'),
  };
}

/** /help. `list` is filled in by the command index, which knows every command. */
export function makeHelp(list: () => readonly Command[]): Command {
  return {
    data: { name: 'help', description: 'What this bot can answer and how to ask' },
    execute: () => ({ reply: embedReply(helpEmbed(list()), true) }),
  } satisfies Command;
}
