/** Small helpers commands share to build their replies. */
import type { APIEmbed } from 'discord-api-types/v10';
import { EPHEMERAL } from '../replies/limits.ts';
import { type BotMessage, finalizeMessage } from '../replies/message.ts';

/** A reply carrying one embed. */
export function embedReply(embed: APIEmbed, ephemeral = false): BotMessage {
  return finalizeMessage({ embeds: [embed], ...(ephemeral ? { flags: EPHEMERAL } : {}) });
}

/** A plain text reply. */
export function textReply(content: string, ephemeral = false): BotMessage {
  return finalizeMessage({ content, ...(ephemeral ? { flags: EPHEMERAL } : {}) });
}
