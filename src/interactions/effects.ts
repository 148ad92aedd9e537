/**
 * Answering a routed interaction over Discord's REST API, and the work that follows the answer
 * (pinning the summary, deleting a message, recording feedback). Only REST is used, never a
 * discord.js Client, so the gateway bot and the HTTP endpoint share it: the gateway posts the
 * initial response to the callback route, the HTTP endpoint returns it as its body, and both then
 * run the effect with a REST client.
 */
import type { REST } from '@discordjs/rest';
import {
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
} from 'discord-api-types/v10';
import type { CommandEffect } from '../commands/types.ts';
import { normaliseWhitespace } from '../data/text.ts';
import { DISCORD_CODES, hasDiscordCode, isDiscordTrouble } from '../discord/api-errors.ts';
import { pinSummary, summaryOutcomeText } from '../discord/summary.ts';
import type { EngineHolder } from '../engine/holder.ts';
import type { Logger } from '../log.ts';
import { NO_MENTIONS } from '../replies/message.ts';
import { truncate } from '../replies/sanitize.ts';
import { packReloaded, packReloadRefused, TEXT } from '../replies/strings.ts';
import { invokerOf, type RoutedInteraction } from './router.ts';

/** How much of a question a feedback log line keeps. */
const FEEDBACK_QUESTION_CHARS = 300;

/**
 * Whether an effect's outcome is edited into a deferred response: the summary (posting and pinning
 * take several REST calls, any of which may be slow) and a pack reload (reading and validating
 * files). Everything else is answered at once.
 */
export function isDeferredEffect(effect: CommandEffect | undefined): boolean {
  return effect?.kind === 'pin-summary' || effect?.kind === 'reload-pack';
}

/**
 * The response to send first: the routed response, or for a deferred effect a private "thinking"
 * response, sent within Discord's 3 s whatever the REST work after it costs; the outcome is edited
 * in afterwards.
 */
export function initialResponse(routed: RoutedInteraction): APIInteractionResponse {
  if (isDeferredEffect(routed.effect)) {
    return {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    };
  }
  return routed.response;
}

/** What running an effect needs from the front door. */
export interface EffectContext {
  readonly rest: REST;
  readonly logger: Logger;
  readonly engines: EngineHolder;
  /** The bot's user id: its earlier pinned summary is the one it edits. */
  readonly botUserId: string;
}

/**
 * Posts the interaction response. The callback route carries no bot token (`auth: false`), so a 401
 * on it cannot make @discordjs/rest drop the bot's token. It is sent as soon as the interaction is
 * routed (milliseconds): work that may be slow is deferred instead (see {@link initialResponse}).
 * If Discord is slow to answer the callback itself, the REST client waits up to its timeout and then
 * retries; a retry Discord refuses as already acknowledged (40060) means the user saw the answer.
 */
export async function sendInitialResponse(
  rest: REST,
  interaction: Pick<APIInteraction, 'id' | 'token'>,
  response: APIInteractionResponse,
): Promise<void> {
  await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: response,
    auth: false,
  });
}

/** Replaces the text of the original response (a deferred one included). */
export async function editOriginalResponse(
  rest: REST,
  target: Pick<EffectTarget, 'applicationId' | 'token'>,
  content: string,
): Promise<void> {
  await rest.patch(Routes.webhookMessage(target.applicationId, target.token, '@original'), {
    body: { content, allowed_mentions: NO_MENTIONS },
    auth: false,
  });
}

/** The parts of an answer message that tell which question it answered. */
export interface AnsweredMessage {
  readonly embeds?: readonly { readonly title?: string }[];
  readonly referenced_message?: { readonly content?: string } | null;
}

/** The parts of the message a button is on that effects read (an APIMessage has them all). */
export type ClickedMessage = Pick<APIMessage, 'id' | 'channel_id'> & AnsweredMessage;

/** What an effect needs to know about the interaction it follows. */
export interface EffectTarget {
  /** With `token`, addresses the original response (interaction webhooks carry no bot token). */
  readonly applicationId: string;
  readonly token: string;
  readonly channelId: string | null;
  readonly userId: string;
  /** The message a button was clicked on (component interactions only). */
  readonly message?: ClickedMessage;
}

/** The parts of an interaction its effect uses. */
export function effectTarget(interaction: APIInteraction): EffectTarget {
  const message = interaction.type === InteractionType.MessageComponent ? interaction.message : undefined;
  return {
    applicationId: interaction.application_id,
    token: interaction.token,
    channelId: interaction.channel?.id ?? null,
    userId: invokerOf(interaction).id,
    ...(message ? { message } : {}),
  };
}

/**
 * The question an answer card was for, to log with feedback: the card's title (set by /ask and the
 * context-menu command) or the message the answer replied to (free text). Undefined when unknown.
 */
export function feedbackQuestion(message: AnsweredMessage | undefined): string | undefined {
  const text = message?.embeds?.[0]?.title || message?.referenced_message?.content || '';
  const flat = normaliseWhitespace(text);
  return flat ? truncate(flat, FEEDBACK_QUESTION_CHARS) : undefined;
}

/**
 * Does an effect's work; returns what to tell the user in the private response (undefined: nothing
 * to add). Refusals Discord explains (no permission, pin limit, the message already gone) and
 * Discord's own trouble become that text; anything unexpected is thrown to {@link runEffect}.
 */
async function performEffect(
  ctx: EffectContext,
  target: EffectTarget,
  effect: CommandEffect,
): Promise<string | undefined> {
  const { rest, logger } = ctx;
  const { userId } = target;
  switch (effect.kind) {
    case 'pin-summary': {
      const channelId = target.channelId;
      if (!channelId) throw new Error('a /summary interaction without a channel');
      try {
        const outcome = await pinSummary(rest, {
          channelId,
          botUserId: ctx.botUserId,
          message: effect.message,
        });
        logger.info({ event: 'summary', outcome, channelId, userId });
        return summaryOutcomeText(outcome);
      } catch (err) {
        logger.error({ err, event: 'summary-failed', channelId, userId }, 'could not post the summary');
        return isDiscordTrouble(err) ? TEXT.discordTrouble : TEXT.genericError;
      }
    }
    case 'delete-message': {
      const message = target.message;
      if (!message) throw new Error('a delete button without a message');
      try {
        await rest.delete(Routes.channelMessage(message.channel_id, message.id));
        logger.info({ event: 'deleted', channelId: message.channel_id, messageId: message.id, userId });
        return undefined;
      } catch (err) {
        // Already gone, which is what was wanted.
        if (hasDiscordCode(err, DISCORD_CODES.unknownMessage)) return undefined;
        logger.warn({ err, event: 'delete-failed', messageId: message.id }, 'could not delete a message');
        return isDiscordTrouble(err) ? TEXT.discordTrouble : TEXT.deleteFailed;
      }
    }
    case 'feedback': {
      const question = feedbackQuestion(target.message);
      logger.info({
        event: 'feedback',
        helpful: effect.helpful,
        factId: effect.factId,
        userId,
        ...(question ? { question } : {}),
      });
      return undefined;
    }
    case 'reload-pack': {
      const result = ctx.engines.reload();
      if (!result.ok) {
        logger.warn({ event: 'pack-reload-refused', error: result.error, userId });
        return packReloadRefused(result.error);
      }
      const kb = ctx.engines.current().kb;
      logger.info({ event: 'pack-reloaded', pack: kb.id, facts: kb.facts.length, userId });
      return packReloaded(kb.id, kb.facts.length);
    }
  }
}

/**
 * Runs an effect after the initial response was sent. Never throws: a failure is logged, and where
 * the user is waiting on it (a deferred response, a delete) the private response is edited to say
 * what happened. An edit Discord refuses (the response dismissed, Discord down) is logged.
 */
export async function runEffect(
  ctx: EffectContext,
  target: EffectTarget,
  effect: CommandEffect,
): Promise<void> {
  const { rest, logger } = ctx;
  let text: string | undefined;
  try {
    text = await performEffect(ctx, target, effect);
  } catch (err) {
    logger.error(
      { err, event: 'effect-failed', effect: effect.kind, userId: target.userId },
      'an interaction effect failed',
    );
    // Someone is looking at "thinking…": tell them it failed.
    if (isDeferredEffect(effect)) text = isDiscordTrouble(err) ? TEXT.discordTrouble : TEXT.genericError;
  }
  if (text === undefined) return;
  try {
    await editOriginalResponse(rest, target, text);
  } catch (err) {
    logger.warn({ err, event: 'edit-failed', effect: effect.kind }, 'could not edit the private response');
  }
}
