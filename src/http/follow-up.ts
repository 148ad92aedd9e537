/**
 * The work done after an interaction was answered inline: pin the summary or delete a message
 * through Discord's REST API (with the bot token), then edit the deferred answer with the outcome
 * through the interaction's webhook; or write the feedback log line. Failures are logged and, where
 * the user is waiting, told to them; nothing here throws.
 */
import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { pinSummary, summaryOutcomeText } from '../discord/summary.ts';
import type { Logger } from '../log.ts';
import { finalizeMessage } from '../replies/message.ts';
import { TEXT } from '../replies/strings.ts';
import type { AfterResponse } from './handler.ts';

/** What follow-up work needs. */
export interface FollowUpDeps {
  /** A REST client with the bot token; undefined when no token is configured. */
  readonly rest: REST | undefined;
  readonly applicationId: string | undefined;
  /** The bot's user id (the author of the summary it pinned before). */
  readonly botUserId: () => Promise<string>;
  readonly logger: Logger;
}

function userIdOf(user: unknown): string {
  if (typeof user === 'object' && user !== null && 'id' in user && typeof user.id === 'string')
    return user.id;
  throw new Error('GET /users/@me answered without a user id');
}

/**
 * The bot's user id from `GET /users/@me`, fetched on first use and then kept: it never changes for
 * a token. A failed fetch is not kept, so the next /summary tries again.
 */
export function lazyBotUserId(rest: REST): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= rest.get(Routes.user('@me')).then(
      (user) => userIdOf(user),
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
}

/** Edits the deferred answer ("thinking…") of an interaction. */
async function editOriginal(deps: FollowUpDeps, rest: REST, token: string, content: string): Promise<void> {
  if (!deps.applicationId) return;
  const body = finalizeMessage({ content });
  await rest.patch(Routes.webhookMessage(deps.applicationId, token, '@original'), { body, auth: false });
}

/** Runs one piece of follow-up work. Resolves when it is done (or has failed and been logged). */
export async function runAfterResponse(effect: AfterResponse, deps: FollowUpDeps): Promise<void> {
  const { logger } = deps;
  if (effect.kind === 'feedback') {
    logger.info(
      {
        event: 'feedback',
        interactionId: effect.interactionId,
        factId: effect.factId,
        helpful: effect.helpful,
      },
      'feedback',
    );
    return;
  }
  const rest = deps.rest;
  if (!rest) return;
  const started = Date.now();
  let outcome: string;
  let text: string;
  try {
    if (effect.kind === 'pin-summary') {
      const result = await pinSummary(rest, {
        channelId: effect.channelId,
        botUserId: await deps.botUserId(),
        message: effect.message,
      });
      outcome = result;
      text = summaryOutcomeText(result);
    } else {
      await rest.delete(Routes.channelMessage(effect.channelId, effect.messageId));
      outcome = 'deleted';
      text = TEXT.deleted;
    }
  } catch (err) {
    logger.error({ err, interactionId: effect.interactionId, effect: effect.kind }, 'follow-up failed');
    outcome = 'failed';
    text = effect.kind === 'pin-summary' ? TEXT.discordTrouble : TEXT.deleteFailed;
  }
  try {
    await editOriginal(deps, rest, effect.token, text);
  } catch (err) {
    logger.error(
      { err, interactionId: effect.interactionId, effect: effect.kind },
      'editing the answer failed',
    );
    outcome = `${outcome}, answer not edited`;
  }
  logger.info(
    {
      event: 'follow-up',
      interactionId: effect.interactionId,
      effect: effect.kind,
      outcome,
      ms: Date.now() - started,
    },
    'follow-up done',
  );
}
