/**
 * The work done after an HTTP interaction was answered inline, through the effect runner the
 * gateway bot uses too (`interactions/effects.ts`): pin the summary and edit the deferred answer,
 * delete a message, log feedback. What is HTTP-specific lives here: the bot's user id, which the
 * gateway learns from READY, comes from `GET /users/@me`.
 */
import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { EngineHolder } from '../engine/holder.ts';
import { runEffect } from '../interactions/effects.ts';
import type { Logger } from '../log.ts';
import type { AfterResponse } from './handler.ts';

/** What follow-up work needs. */
export interface FollowUpDeps {
  /** A REST client for Discord's API; with the bot token when one is configured. */
  readonly rest: REST;
  readonly engines: EngineHolder;
  readonly logger: Logger;
  /** The bot's user id (the author of the summary it pinned before). */
  readonly botUserId: () => Promise<string>;
}

function userIdOf(user: unknown): string {
  if (typeof user === 'object' && user !== null && 'id' in user && typeof user.id === 'string')
    return user.id;
  throw new Error('GET /users/@me answered without a user id');
}

/**
 * The bot's user id from `GET /users/@me`, fetched on first use and then kept: it never changes for
 * a token. A failed fetch is not kept, so the next call tries again.
 */
export function lazyBotUserId(rest: REST): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= rest.get(Routes.user('@me')).then(userIdOf, (err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

/**
 * The bot user id for an effect. Only the summary needs it (to find the summary it pinned before);
 * if `GET /users/@me` fails, the application id stands in, as the gateway bot does before READY:
 * for current applications the two are equal.
 */
async function botUserIdFor(job: AfterResponse, deps: FollowUpDeps): Promise<string> {
  if (job.effect.kind !== 'pin-summary') return job.target.applicationId;
  try {
    return await deps.botUserId();
  } catch (err) {
    deps.logger.warn({ err, event: 'bot-user-unknown' }, 'GET /users/@me failed; using the application id');
    return job.target.applicationId;
  }
}

/** Runs one piece of follow-up work. Never rejects: failures are logged (and told to the user). */
export async function runAfterResponse(job: AfterResponse, deps: FollowUpDeps): Promise<void> {
  const context = {
    rest: deps.rest,
    logger: deps.logger,
    engines: deps.engines,
    botUserId: await botUserIdFor(job, deps),
  };
  await runEffect(context, job.target, job.effect);
}
