import { PermissionFlagsBits } from 'discord-api-types/v10';
import { resultsEmbed } from '../replies/embeds.ts';
import { TEXT } from '../replies/strings.ts';
import { embedReply, textReply } from './reply.ts';
import { type Command, UserError } from './types.ts';

/** Marks the bot's pinned summary so a later /summary edits it instead of pinning another. */
export const SUMMARY_MARKER = 'Pinned results summary';

/**
 * /summary (moderators): posts the results summary in the channel and pins it, or edits the
 * summary the bot pinned there before. The front door does the posting and pinning.
 */
export const summary = {
  data: {
    name: 'summary',
    description: 'Moderators: post and pin the results summary in this channel',
    default_member_permissions: String(PermissionFlagsBits.ManageMessages),
    dm_permission: false,
  },
  execute: ({ engine, invoker, channelId }) => {
    // Server admins can change who sees the command, so the permission is checked again here.
    if (!invoker.isModerator) throw new UserError(TEXT.needModerator);
    if (!channelId) throw new UserError('Run /summary in a server channel.');
    const embed = resultsEmbed(engine.kb);
    const message = embedReply({ ...embed, author: { name: SUMMARY_MARKER } });
    return { reply: textReply(TEXT.summaryPinned, true), effect: { kind: 'pin-summary', message } };
  },
} satisfies Command;
