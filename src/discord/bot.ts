/**
 * The gateway front door: a discord.js Client that hands every interaction, as the raw API JSON the
 * gateway delivered, to the shared router (`routeInteraction`), and every chat message to the
 * free-text planner. Thin on purpose: deciding happens in pure functions; this file only moves
 * data between them and Discord, and makes sure no failure escapes a handler.
 */
import { RESTEvents } from '@discordjs/rest';
import { type APIInteraction, type Client, Events, GatewayDispatchEvents, type Message } from 'discord.js';
import type { FreeTextMode } from '../commands/free-text.ts';
import type { DeclinedQuestion } from '../commands/types.ts';
import { type Config, ConfigError } from '../config.ts';
import { normaliseWhitespace } from '../data/text.ts';
import type { EngineHolder } from '../engine/holder.ts';
import { effectTarget, initialResponse, runEffect, sendInitialResponse } from '../interactions/effects.ts';
import {
  failureResponse,
  type RoutedInteraction,
  routeInteraction,
  UnsupportedInteraction,
} from '../interactions/router.ts';
import type { Logger } from '../log.ts';
import { MAX_LOGGED_QUESTION, noUnansweredLog, type UnansweredLog } from '../ops/unanswered.ts';
import { type BotMessage, finalizeMessage } from '../replies/message.ts';
import { truncate } from '../replies/sanitize.ts';
import { TEXT } from '../replies/strings.ts';
import { isDiscordTrouble, respondFailure } from './api-errors.ts';
import { type ClientTuning, createClient } from './client.ts';
import { explainLoginError } from './explain.ts';
import {
  AnswerCooldown,
  type FreeTextPlan,
  type IncomingMessage,
  messageMode,
  planFreeText,
  ReplyGate,
  replyPayload,
} from './messages.ts';

/** What `startGatewayBot` needs. */
export interface GatewayBotOptions {
  readonly config: Config;
  readonly engines: EngineHolder;
  readonly logger: Logger;
  /** REST timeout and retries (tests lower them so a silent server fails fast). */
  readonly tuning?: ClientTuning;
  /** The clock of the repeat cooldown (tests). */
  readonly now?: () => number;
  /** Where declined questions are kept for moderators (`npm run unanswered`). */
  readonly unanswered?: UnansweredLog;
  /**
   * Called when the handler of an event has finished, reply sent or not (the load bench counts
   * handled events with it). Must not throw; an exception is ignored.
   */
  readonly onHandled?: (event: HandledEvent) => void;
}

/** An event whose handler finished: an interaction or a chat message, by its Discord id. */
export interface HandledEvent {
  readonly kind: 'interaction' | 'message';
  readonly id: string;
}

/** A running gateway bot. */
export interface GatewayBot {
  readonly client: Client<true>;
  /**
   * Settles with the gateway close code if Discord ends the connection for good (a token reset,
   * an intent revoked): the bot can no longer serve, and whoever runs it should exit.
   */
  readonly closed: Promise<number>;
  /** Stops taking events, lets the ones being handled finish (up to a few seconds), and disconnects. */
  stop(): Promise<void>;
}

/** How long `stop()` waits for handlers already running. */
const DRAIN_MS = 5_000;

/** A question as a log line keeps it: whitespace flattened, bounded. */
function loggedQuestion(text: string): string {
  return truncate(normaliseWhitespace(text), MAX_LOGGED_QUESTION);
}

/** The facts the free-text planner reads from a discord.js message. */
function incomingOf(message: Message): IncomingMessage {
  const channel = message.channel;
  return {
    authorId: message.author.id,
    authorIsBot: message.author.bot || message.webhookId !== null,
    guildId: message.guildId,
    channelId: message.channelId,
    parentChannelId: channel?.isThread() ? channel.parentId : null,
    content: message.content,
  };
}

/**
 * Logs in and serves until `stop()`. Resolves once the client is ready (guilds and channels
 * cached). Login failures Discord explains become a ConfigError with one clear line.
 */
export async function startGatewayBot(opts: GatewayBotOptions): Promise<GatewayBot> {
  const { config, engines, logger } = opts;
  const unanswered = opts.unanswered ?? noUnansweredLog;
  const now = opts.now ?? Date.now;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new ConfigError('Configuration error: DISCORD_TOKEN is required to connect to Discord.');

  const client = createClient(config, opts.tuning);
  const cooldown = new AnswerCooldown();
  const replies = new ReplyGate();
  const running = new Set<Promise<void>>();
  let stopping = false;

  /** Runs a handler in the background; it is awaited by stop() and can never reject. */
  const track = (work: () => Promise<void>, what: HandledEvent['kind'], id: string): void => {
    const task = work().catch((err: unknown) => logger.error({ err, event: 'handler-crashed', what }));
    running.add(task);
    void task.finally(() => {
      running.delete(task);
      try {
        opts.onHandled?.({ kind: what, id });
      } catch {
        // An observer's failure is not the bot's.
      }
    });
  };

  const botUserId = (fallback: string) => client.user?.id ?? fallback;

  async function onInteraction(interaction: APIInteraction): Promise<void> {
    const started = now();
    let routed: RoutedInteraction;
    try {
      routed = routeInteraction(engines.current(), interaction);
    } catch (err) {
      if (err instanceof UnsupportedInteraction) {
        logger.warn({ event: 'interaction-unsupported', type: interaction.type });
        return;
      }
      logger.error({ err, event: 'route-failed' }, 'routing an interaction failed');
      routed = { response: failureResponse(interaction), summary: { kind: 'unknown', name: '' } };
    }
    if (routed.error) logger.error({ err: routed.error, event: 'command-failed', ...routed.summary });
    try {
      await sendInitialResponse(client.rest, interaction, initialResponse(routed));
    } catch (err) {
      logRespondFailure(err, routed);
      return;
    }
    // Autocomplete fires on every keystroke: log it only when debugging.
    const level = routed.summary.kind === 'autocomplete' ? 'debug' : 'info';
    logger[level]({ event: 'interaction', ...routed.summary, ms: now() - started });
    if (routed.declined) recordUnanswered(routed.declined);
    if (routed.effect) {
      const context = {
        rest: client.rest,
        logger,
        engines,
        botUserId: botUserId(interaction.application_id),
      };
      await runEffect(context, effectTarget(interaction), routed.effect);
    }
  }

  /**
   * Nothing more can be sent for an interaction whose initial response failed, so the question is
   * logged with the failure. Already answered (40060: a retry after a slow answer, the user saw one)
   * and too late (10062) are warnings; Discord's trouble or a refused payload is an error.
   */
  function logRespondFailure(err: unknown, routed: RoutedInteraction): void {
    const failure = respondFailure(err);
    const question = routed.question === undefined ? {} : { question: loggedQuestion(routed.question) };
    const fields = { err, event: 'respond-failed', failure, ...routed.summary, ...question };
    if (failure === 'expired' || failure === 'already-acknowledged') {
      logger.warn(fields, 'could not answer an interaction');
      return;
    }
    logger.error(fields, 'an answer could not be delivered');
  }

  /** Keeps a declined question for moderators; a failing log never breaks a handler. */
  function recordUnanswered(declined: DeclinedQuestion): void {
    try {
      unanswered.record(declined.question, declined.result, 'gateway');
    } catch (err) {
      logger.warn({ err, event: 'unanswered-log-failed' }, 'could not record an unanswered question');
    }
  }

  async function onMessage(message: Message): Promise<void> {
    if (message.system || !client.user) return;
    const at = now();
    const incoming = incomingOf(message);
    const botUser = client.user.id;
    const mode = messageMode(incoming, { botUserId: botUser, qaChannelIds: config.QA_CHANNEL_IDS });
    if (mode === null) return;
    let plan: FreeTextPlan;
    try {
      const context = {
        engine: engines.current(),
        botUserId: botUser,
        qaChannelIds: config.QA_CHANNEL_IDS,
        cooldown,
        now: at,
      };
      plan = planFreeText(incoming, context, mode);
    } catch (err) {
      logger.error({ err, event: 'free-text-failed', mode }, 'answering a message failed');
      // Someone who asked the bot directly hears that it failed; a Q&A channel is left alone.
      if (mode !== 'qa-channel') await send(message, finalizeMessage({ content: TEXT.genericError }), mode);
      return;
    }
    if (plan.kind === 'ignore') return;
    if (plan.kind === 'silent') {
      logger.debug({ event: 'free-text-silent', mode: plan.mode, reason: plan.reason });
      return;
    }
    const sent = await send(message, plan.message, plan.mode);
    if (!sent) return;
    if (plan.kind === 'reply') {
      cooldown.record(message.channelId, plan.factId, sent.id, at);
      if (plan.declined) recordUnanswered(plan.declined);
      logger.info({ event: 'free-text', mode: plan.mode, answered: plan.answered, factId: plan.factId });
    } else {
      logger.info({ event: 'free-text-repeat', mode: plan.mode });
    }
  }

  /**
   * Replies to a message. A refusal (no permission to send, the message gone) is logged as a
   * warning. When Discord itself failed (a 5xx after the retries, a timeout), the answer is lost:
   * the question is logged, and someone who asked the bot directly is told, in one short reply, to
   * try again (a Q&A channel is left alone, as on any failure). When the channel already has its
   * share of replies waiting to be posted, the reply is dropped instead of queued (see ReplyGate).
   */
  async function send(message: Message, reply: BotMessage, mode: FreeTextMode): Promise<Message | undefined> {
    const channelId = message.channelId;
    if (!replies.tryAcquire(channelId, mode)) {
      logger.debug({ event: 'free-text-shed', mode, channelId, waiting: replies.waiting(channelId) });
      return undefined;
    }
    try {
      return await message.reply(replyPayload(reply));
    } catch (err) {
      const where = { event: 'reply-failed', channelId };
      if (!isDiscordTrouble(err)) {
        logger.warn({ err, ...where }, 'could not reply to a message');
        return undefined;
      }
      logger.error(
        { err, ...where, question: loggedQuestion(message.content) },
        'an answer could not be delivered',
      );
      if (mode === 'qa-channel') return undefined;
      try {
        await message.reply(replyPayload(finalizeMessage({ content: TEXT.discordTrouble })));
      } catch (again) {
        logger.warn({ err: again, ...where }, 'could not tell the asker either');
      }
      return undefined;
    } finally {
      replies.release(channelId);
    }
  }

  client.on(Events.Error, (err) =>
    logger.error({ err, event: 'client-error' }, 'discord.js reported an error'),
  );
  client.on(Events.Warn, (warning) => logger.warn({ event: 'client-warning', warning }));
  const closed = new Promise<number>((resolve) =>
    client.on(Events.ShardDisconnect, (event, shardId) => {
      logger.error({ event: 'gateway-closed', code: event.code, shardId }, 'the gateway closed for good');
      resolve(event.code);
    }),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ event: 'gateway-resumed', shardId }));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({
      event: 'rate-limited',
      route: info.route,
      retryAfterMs: info.retryAfter,
      global: info.global,
    }),
  );
  // The gateway's own JSON, before discord.js turns it into classes: the router speaks API JSON,
  // the same JSON the HTTP endpoint receives, so both front doors route through one function.
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    if (!stopping) track(() => onInteraction(interaction), 'interaction', interaction.id);
  });
  client.on(Events.MessageCreate, (message) => {
    if (!stopping) track(() => onMessage(message), 'message', message.id);
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
  } catch (err) {
    await client.destroy();
    const explained = explainLoginError(err, config.DISCORD_API_BASE);
    throw explained ? new ConfigError(explained) : err;
  }
  const readyClient = await ready;
  logger.info({
    event: 'ready',
    user: readyClient.user.tag,
    guilds: readyClient.guilds.cache.size,
    messageContent: config.QA_CHANNEL_IDS.length > 0,
  });

  return {
    client: readyClient,
    closed,
    async stop() {
      if (stopping) return;
      stopping = true;
      const drained = Promise.allSettled([...running]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      await client.destroy();
      logger.info({ event: 'stopped' });
    },
  };
}
