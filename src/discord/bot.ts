/**
 * The gateway front door: a discord.js Client that hands every interaction, as the raw API JSON the
 * gateway delivered, to the shared router (`routeInteraction`), and every chat message to the
 * free-text planner. Thin on purpose: deciding happens in pure functions; this file only moves
 * data between them and Discord, and makes sure no failure escapes a handler.
 */
import { RESTEvents } from '@discordjs/rest';
import {
  type APIInteraction,
  type APIInteractionResponse,
  type Client,
  Events,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  type Message,
} from 'discord.js';
import { type Config, ConfigError } from '../config.ts';
import type { EngineHolder } from '../engine/holder.ts';
import { effectTarget, initialResponse, runEffect, sendInitialResponse } from '../interactions/effects.ts';
import { type RoutedInteraction, routeInteraction, UnsupportedInteraction } from '../interactions/router.ts';
import type { Logger } from '../log.ts';
import { noUnansweredLog, type UnansweredLog } from '../ops/unanswered.ts';
import { EPHEMERAL } from '../replies/limits.ts';
import { type BotMessage, finalizeMessage } from '../replies/message.ts';
import { TEXT } from '../replies/strings.ts';
import { type ClientTuning, createClient } from './client.ts';
import {
  AnswerCooldown,
  type FreeTextPlan,
  type IncomingMessage,
  messageMode,
  planFreeText,
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

/** Network failures that mean Discord's API could not be reached at all. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
]);

/** The `code` of an error or of its `cause` (fetch wraps socket errors), as a string. */
function errorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  if ('code' in err && err.code !== undefined) return String(err.code);
  return 'cause' in err ? errorCode(err.cause) : '';
}

/**
 * The line to show for a login failure with a known cause (a refused token, a privileged intent
 * that is not turned on, an API base that cannot be reached), or undefined for anything else.
 * Never includes the token.
 */
export function explainLoginError(err: unknown, apiBase = 'https://discord.com/api'): string | undefined {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : '';
  if (code === 'TokenInvalid' || message === 'Authentication failed') {
    return 'Discord refused DISCORD_TOKEN (401 Unauthorized). Copy the token again from the Developer Portal (your application → Bot → Reset Token) into .env.';
  }
  if (message === 'Used disallowed intents') {
    return 'Discord refused the Message Content intent, which QA_CHANNEL_IDS needs. Turn on "Message Content Intent" in the Developer Portal (your application → Bot), or leave QA_CHANNEL_IDS empty.';
  }
  if (UNREACHABLE.has(code)) {
    return `Could not reach Discord's API at ${apiBase} (${code}). Check the network connection, or DISCORD_API_BASE.`;
  }
  return undefined;
}

/** The response to an interaction the router failed on: no choices, or a private apology. */
function genericFailure(interaction: APIInteraction): APIInteractionResponse {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  }
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: finalizeMessage({ content: TEXT.genericError, flags: EPHEMERAL }),
  };
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
  const running = new Set<Promise<void>>();
  let stopping = false;

  /** Runs a handler in the background; it is awaited by stop() and can never reject. */
  const track = (work: () => Promise<void>, what: string): void => {
    const task = work().catch((err: unknown) => logger.error({ err, event: 'handler-crashed', what }));
    running.add(task);
    void task.finally(() => running.delete(task));
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
      routed = { response: genericFailure(interaction), summary: { kind: 'unknown', name: '' } };
    }
    if (routed.error) logger.error({ err: routed.error, event: 'command-failed', ...routed.summary });
    try {
      await sendInitialResponse(client.rest, interaction, initialResponse(routed));
    } catch (err) {
      // Too late (10062), already answered (40060), or Discord is down: nothing more can be said.
      logger.warn({ err, event: 'respond-failed', ...routed.summary }, 'could not answer an interaction');
      return;
    }
    // Autocomplete fires on every keystroke: log it only when debugging.
    const level = routed.summary.kind === 'autocomplete' ? 'debug' : 'info';
    logger[level]({ event: 'interaction', ...routed.summary, ms: now() - started });
    if (routed.declined) unanswered.record(routed.declined.question, routed.declined.result, 'gateway');
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

  async function onMessage(message: Message): Promise<void> {
    if (message.system || !client.user) return;
    const at = now();
    const incoming = incomingOf(message);
    const context = {
      engine: engines.current(),
      botUserId: client.user.id,
      qaChannelIds: config.QA_CHANNEL_IDS,
      cooldown,
      now: at,
    };
    const mode = messageMode(incoming, context);
    if (mode === null) return;
    let plan: FreeTextPlan;
    try {
      plan = planFreeText(incoming, context);
    } catch (err) {
      logger.error({ err, event: 'free-text-failed', mode }, 'answering a message failed');
      // Someone who asked the bot directly hears that it failed; a Q&A channel is left alone.
      if (mode !== 'qa-channel') await send(message, finalizeMessage({ content: TEXT.genericError }));
      return;
    }
    if (plan.kind === 'ignore') return;
    if (plan.kind === 'silent') {
      logger.debug({ event: 'free-text-silent', mode: plan.mode, reason: plan.reason });
      return;
    }
    const sent = await send(message, plan.message);
    if (!sent) return;
    if (plan.kind === 'reply') {
      cooldown.record(message.channelId, plan.factId, sent.id, at);
      if (plan.declined) unanswered.record(plan.declined.question, plan.declined.result, 'gateway');
      logger.info({ event: 'free-text', mode: plan.mode, answered: plan.answered, factId: plan.factId });
    } else {
      logger.info({ event: 'free-text-repeat', mode: plan.mode });
    }
  }

  /** Replies to a message; a refusal (no permission to send, the message gone) is logged, not thrown. */
  async function send(message: Message, reply: BotMessage): Promise<Message | undefined> {
    try {
      return await message.reply(replyPayload(reply));
    } catch (err) {
      logger.warn(
        { err, event: 'reply-failed', channelId: message.channelId },
        'could not reply to a message',
      );
      return undefined;
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
    if (!stopping) track(() => onInteraction(interaction), 'interaction');
  });
  client.on(Events.MessageCreate, (message) => {
    if (!stopping) track(() => onMessage(message), 'message');
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
