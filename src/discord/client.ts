/**
 * The discord.js Client the gateway bot runs on, built from the configuration: the fewest intents
 * that serve the bot, mentions blocked by default, the REST base URL from DISCORD_API_BASE, and
 * caches trimmed to what the bot reads (it answers from the interaction and message payloads, not
 * from discord.js's caches).
 */
import { Client, type ClientOptions, GatewayIntentBits, Options, Partials } from 'discord.js';
import { Agent } from 'undici';
import type { Config } from '../config.ts';

/**

 * REST settings in production: a request is abandoned after 15 s, and one that timed out or got a
 * 5xx is tried again up to 3 times (so one failure from Discord is never seen by a user).
 */
export const REST_DEFAULTS = Object.freeze({ timeoutMs: 15_000, retries: 3 });

/**
 * How many connections the bot keeps open to Discord's API at most. Left unbounded (undici's
 * default), a burst of interactions opens a connection per concurrent callback and keeps every
 * client object afterwards: the load bench's bursts left ~2,000 of them and 10 MB more heap, and
 * against Discord each would have been a TLS handshake. 64 keeps enough requests in flight for
 * Discord's round trip (64 per RTT: ~1,300 callbacks a second at 50 ms).
 */
export const REST_CONNECTIONS = 64;

/**
 * Knobs tests turn; production uses {@link REST_DEFAULTS}, {@link REST_CONNECTIONS} and
 * discord.js's identify throttle.
 */
export interface ClientTuning {
  /** Abort a REST request after this many ms (default 15 000). */
  readonly restTimeoutMs?: number;
  /** Retries of a REST request that timed out or got a 5xx (default 3). */
  readonly restRetries?: number;
  /** Connections to the API at most (default {@link REST_CONNECTIONS}). */
  readonly restConnections?: number;
  /**
   * Replaces the identify throttle, which waits about 5 s before identifying again after an
   * invalid session (Discord's limit). Tests of re-identifying pass one that does not wait.
   */
  readonly buildIdentifyThrottler?: NonNullable<ClientOptions['ws']>['buildIdentifyThrottler'];
}

/**
 * The gateway intents: servers and their channels, messages in servers and DMs, and the privileged
 * Message Content only when Q&A channels are configured (mentions and DMs carry their content
 * without it).
 */
export function gatewayIntents(config: Pick<Config, 'QA_CHANNEL_IDS'>): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (config.QA_CHANNEL_IDS.length > 0) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/** Keeps the bot's own user and member however small a cache is. */
const keepSelf = {
  maxSize: 0,
  keepOverLimit: (x: { id: string; client: Client }) => x.id === x.client.user?.id,
};

/**
 * Cache limits. The bot never reads messages, reactions, presences or other members back from
 * discord.js's caches, so these hold nothing (users and members keep only the bot itself).
 * Guilds, channels and roles stay cached: discord.js needs channels to deliver messages.
 */
export function cacheFactory(): NonNullable<ClientOptions['makeCache']> {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    PresenceManager: 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildScheduledEventManager: 0,
    StageInstanceManager: 0,
    VoiceStateManager: 0,
    ThreadMemberManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    ApplicationCommandManager: 0,
    AutoModerationRuleManager: 0,
    GuildMemberManager: keepSelf,
    UserManager: keepSelf,
  });
}

/** The Client options for a configuration (exported for tests). */
export function clientOptions(
  config: Pick<Config, 'QA_CHANNEL_IDS' | 'DISCORD_API_BASE'>,
  tuning: ClientTuning = {},
): ClientOptions {
  return {
    intents: gatewayIntents(config),
    // DMs arrive in channels discord.js has not cached; without this partial they are dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: cacheFactory(),
    rest: {
      api: config.DISCORD_API_BASE,
      agent: new Agent({ connections: tuning.restConnections ?? REST_CONNECTIONS }),
      timeout: tuning.restTimeoutMs ?? REST_DEFAULTS.timeoutMs,
      retries: tuning.restRetries ?? REST_DEFAULTS.retries,
    },
    ...(tuning.buildIdentifyThrottler
      ? { ws: { buildIdentifyThrottler: tuning.buildIdentifyThrottler } }
      : {}),
  };
}

/** Builds the (not yet logged-in) Client. */
export function createClient(
  config: Pick<Config, 'QA_CHANNEL_IDS' | 'DISCORD_API_BASE'>,
  tuning: ClientTuning = {},
): Client {
  return new Client(clientOptions(config, tuning));
}
