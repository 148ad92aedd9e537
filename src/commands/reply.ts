/** Small helpers commands share to build their replies. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { QaEngine } from '../engine/index.ts';
import { resultMessage } from '../replies/answer.ts';
import { EPHEMERAL } from '../replies/limits.ts';
import { type BotMessage, finalizeMessage } from '../replies/message.ts';
import type { CommandOutcome } from './types.ts';

/** A reply carrying one embed. */
export function embedReply(embed: APIEmbed, ephemeral = false): BotMessage {
  return finalizeMessage({ embeds: [embed], ...(ephemeral ? { flags: EPHEMERAL } : {}) });
}

/** A plain text reply. */
export function textReply(content: string, ephemeral = false): BotMessage {
  return finalizeMessage({ content, ...(ephemeral ? { flags: EPHEMERAL } : {}) });
}

/** A question in the asker's own words, answered from the article or declined (and logged as such). */
export function questionOutcome(engine: QaEngine, question: string, askerId: string): CommandOutcome {
  const result = engine.answer(question);
  return {
    reply: resultMessage(result, { question, askerId }),
    question,
    ...(result.kind === 'abstention' ? { declined: { question, result } } : {}),
  };
}
