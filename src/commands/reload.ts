import { PermissionFlagsBits } from 'discord-api-types/v10';
import { TEXT } from '../replies/strings.ts';
import { textReply } from './reply.ts';
import { type Command, UserError } from './types.ts';

/**
 * /reload (moderators): loads the knowledge pack from disk again. A valid pack replaces the one
 * serving in one step; an invalid one is refused with its validation message and the old pack keeps
 * serving. The front door does the reloading (the `reload-pack` effect) and reports the outcome
 * privately; the HTTP endpoint refuses it, since replicas must serve the same pack.
 */
export const reload = {
  data: {
    name: 'reload',
    description: 'Moderators: reload the knowledge pack from disk',
    default_member_permissions: String(PermissionFlagsBits.ManageMessages),
    dm_permission: false,
  },
  execute: ({ invoker }) => {
    // Server admins can change who sees the command, so the permission is checked again here.
    if (!invoker.isModerator) throw new UserError(TEXT.needModerator);
    return { reply: textReply(TEXT.reloading, true), effect: { kind: 'reload-pack' } };
  },
} satisfies Command;
