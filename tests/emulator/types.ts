/**
 * Types shared by the Discord API emulator's modules and its public API.
 */

/** A text or DM channel the emulator knows about. `type` follows Discord's ChannelType (0 text, 1 DM). */
export interface ChannelConfig {
  id: string;
  name: string;
  type?: number;
}

/** A guild the emulated bot is a member of; sent to the client as GUILD_CREATE after READY. */
export interface GuildConfig {
  id: string;
  name: string;
  channels: ChannelConfig[];
}

/** The bot's own user, as returned by `GET /users/@me` and in READY. */
export interface BotUserConfig {
  id: string;
  username: string;
}

/** Options for {@link startEmulator}. Every field has a default fit for tests. */
export interface EmulatorOptions {
  botUser?: BotUserConfig;
  /** Defaults to the bot user's id, as on Discord. */
  applicationId?: string;
  /** Default: one guild with two text channels. */
  guilds?: GuildConfig[];
  /** Pins a channel holds before `PUT .../pins/{m}` answers 30003. Default 250. */
  pinLimit?: number;
  /** A token that `GET /gateway/bot` answers 401 for and Identify closes 4004 for. */
  rejectToken?: string;
  /** Sent in Hello. Default 41250 (Discord's); use a small value to exercise heartbeats in tests. */
  heartbeatIntervalMs?: number;
  /** How long after dispatch an interaction may be acknowledged. Default 3000 (Discord's 3 s). */
  ackDeadlineMs?: number;
  /** How long an interaction token accepts webhook calls (edit, follow-up). Default 15 minutes. */
  webhookTokenTtlMs?: number;
  /**
   * Whether the application has its privileged intents (members, presences, message content) enabled.
   * When false, an Identify asking for one is closed with 4014. Default true.
   */
  privilegedIntentsEnabled?: boolean;
  /**
   * Whether messages the bot creates, edits, deletes or pins are echoed back over the gateway
   * (MESSAGE_CREATE, MESSAGE_UPDATE, MESSAGE_DELETE, CHANNEL_PINS_UPDATE) as Discord does. Default true.
   */
  echoBotEvents?: boolean;
}

/** A file part of a multipart request. The bytes themselves are not kept. */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** One REST request the emulator answered. */
export interface RecordedRequest {
  /** Sequence number, starting at 1, in arrival order. */
  seq: number;
  method: string;
  /** Percent-decoded path without the `/api/v10` prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The path as received, still encoded and with its `/api/vN` prefix. */
  rawPath: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body; undefined without a body. */
  body: unknown;
  files: RecordedFile[];
  /** The HTTP status the emulator answered. */
  status: number;
  /** The JSON the emulator answered with (undefined for 204). */
  response: unknown;
  /** Extra headers the emulator answered with (rate-limit headers of a 429, for example). */
  responseHeaders: Record<string, string>;
  /** Whether a `failNext` rule produced the answer. */
  faulted: boolean;
  /** Whether the request asked to create a message (channel send, follow-up, callback type 4). */
  createsMessage: boolean;
  /** Whether the request asked to edit a message (PATCH, callback type 7). */
  editsMessage: boolean;
  /** The `allowed_mentions` the message payload carried; undefined when absent or not a message request. */
  allowedMentions: unknown;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** When the answer was sent (ms since the epoch); later than `at` for `delayMs` faults. */
  answeredAt: number;
}

/** One frame the emulator received from a gateway client. */
export interface GatewayFrame {
  /** Which WebSocket connection sent it; a new connection gets a new id. */
  connectionId: number;
  op: number;
  d: unknown;
  at: number;
}

/** A rule for `failNext`: the next matching request(s) get this answer instead of the normal one. */
export interface FaultSpec {
  /** HTTP method to match, any case. Default: any method. */
  method?: string;
  /** A RegExp tested against the decoded path (without `/api/v10`), or a string equal to that path. */
  pathMatches: RegExp | string;
  /** Status to answer. Omit to answer normally (useful with `delayMs` for a slow answer). */
  status?: number;
  /** JSON body to answer. Default: a Discord-style `{ code, message }` for the status. */
  body?: Record<string, unknown>;
  /** How many requests the rule applies to. Default 1. */
  times?: number;
  /** Delay before answering, in ms. */
  delayMs?: number;
  /**
   * For 429: seconds to wait; sets `retry_after` in the body and the `Retry-After` header (sent as the
   * exact decimal, so tests stay fast; Discord rounds the header up to whole seconds). Default 1.
   */
  retryAfter?: number;
  /** For 429: a global rate limit (adds `X-RateLimit-Global: true` and `global: true`). Default false. */
  global?: boolean;
}

/** What the bot may do in a channel; enforced by the REST routes. */
export interface BotPermissions {
  /** Pin, unpin, delete others' messages. */
  manageMessages: boolean;
  /** Create messages in the channel. */
  sendMessages: boolean;
}
