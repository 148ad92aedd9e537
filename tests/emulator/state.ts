/**
 * What the emulated Discord remembers: channels, messages, pins, interactions, commands and the bot's
 * permissions. Plain data and small lookups; the REST routes decide what is allowed.
 */

import { randomBytes } from 'node:crypto';
import type { APIApplicationCommand, APIMessage, APIUser } from 'discord-api-types/v10';
import type { BotPermissions, GuildConfig } from './types.ts';

/** Discord's epoch (2015-01-01) in ms, the origin of snowflake timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** A channel the emulator can store messages in: a guild channel from the config or a DM. */
export interface ChannelRecord {
  id: string;
  /** Discord ChannelType: 0 guild text, 1 DM. */
  type: number;
  name: string | null;
  guildId: string | null;
  /** The other user of a DM channel. */
  recipient: APIUser | null;
}

/** An interaction the emulator dispatched, and how the bot has answered it so far. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** Discord InteractionType: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  /** ApplicationCommandType for commands (1 chat input, 2 user, 3 message); null otherwise. */
  commandType: number | null;
  name: string | null;
  channelId: string;
  guildId: string | null;
  user: APIUser;
  dispatchedAt: number;
  /** The callback type the interaction was acknowledged with; null until acknowledged. */
  acknowledgedWith: number | null;
  /** The message `@original` refers to, once there is one. */
  originalMessageId: string | null;
  /** For component interactions, the message the component is on. */
  componentMessageId: string | null;
}

/** A pinned message and when it was pinned. */
export interface PinRecord {
  message: APIMessage;
  pinnedAt: string;
}

/** The bot's permissions where nothing was taken away: it may send and manage messages. */
export const ALLOW_ALL: BotPermissions = Object.freeze({ manageMessages: true, sendMessages: true });

/** The emulator's mutable world. */
export class EmulatorState {
  private lastId = 0n;
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly messages = new Map<string, Map<string, APIMessage>>();
  private readonly pins = new Map<string, Map<string, string>>();
  private readonly permissions = new Map<string, BotPermissions>();
  private readonly dmByUser = new Map<string, string>();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly users = new Map<string, APIUser>();
  private readonly globalCommands: APIApplicationCommand[] = [];
  private readonly guildCommands = new Map<string, APIApplicationCommand[]>();

  constructor(
    readonly botUser: APIUser,
    readonly applicationId: string,
    readonly guilds: GuildConfig[],
    readonly pinLimit: number,
  ) {
    this.rememberUser(botUser);
    for (const guild of guilds) {
      for (const channel of guild.channels) {
        this.channels.set(channel.id, {
          id: channel.id,
          type: channel.type ?? 0,
          name: channel.name,
          guildId: guild.id,
          recipient: null,
        });
      }
    }
  }

  /** A new snowflake, strictly greater than every one issued before, timestamped now. */
  nextId(): string {
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.lastId = fromClock > this.lastId ? fromClock : this.lastId + 1n;
    return this.lastId.toString();
  }

  /** A random interaction token, URL-safe like Discord's. */
  newToken(): string {
    return `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`;
  }

  // ---- users ----

  /** Remembers a user the emulator has shown to the bot, so `GET /users/{id}` can return it. */
  rememberUser(user: APIUser): void {
    this.users.set(user.id, user);
  }

  /** A user the emulator knows, or undefined. */
  user(id: string): APIUser | undefined {
    return this.users.get(id);
  }

  // ---- channels ----

  /** A known channel (guild channel or DM), or undefined. */
  channel(id: string): ChannelRecord | undefined {
    return this.channels.get(id);
  }

  /** The guild channels of a guild, in config order. */
  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channels.values()].filter((channel) => channel.guildId === guildId);
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannelFor(user: APIUser): ChannelRecord {
    this.rememberUser(user);
    const existing = this.dmByUser.get(user.id);
    const known = existing === undefined ? undefined : this.channels.get(existing);
    if (known) return known;
    return this.addDmChannel(this.nextId(), user);
  }

  /** Registers a DM channel with a given id (for tests that pick the id). */
  addDmChannel(id: string, user: APIUser): ChannelRecord {
    this.rememberUser(user);
    const channel: ChannelRecord = { id, type: 1, name: null, guildId: null, recipient: user };
    this.channels.set(id, channel);
    this.dmByUser.set(user.id, id);
    return channel;
  }

  // ---- messages ----

  /** Stores (or replaces) a message in its channel. */
  putMessage(message: APIMessage): void {
    this.rememberUser(message.author);
    let channel = this.messages.get(message.channel_id);
    if (!channel) {
      channel = new Map();
      this.messages.set(message.channel_id, channel);
    }
    channel.set(message.id, { ...message, pinned: this.isPinned(message.channel_id, message.id) });
  }

  /** A stored message, or undefined. */
  message(channelId: string, messageId: string): APIMessage | undefined {
    return this.messages.get(channelId)?.get(messageId);
  }

  /** Removes a message (and its pin). Returns whether it existed. */
  deleteMessage(channelId: string, messageId: string): boolean {
    this.pins.get(channelId)?.delete(messageId);
    return this.messages.get(channelId)?.delete(messageId) ?? false;
  }

  /** The messages of a channel, oldest first. */
  channelMessages(channelId: string): APIMessage[] {
    const channel = this.messages.get(channelId);
    if (!channel) return [];
    return [...channel.values()].sort((a, b) => compareSnowflakes(a.id, b.id));
  }

  /**
   * Forgets every stored message that is not pinned and every dispatched interaction, so a long
   * run (the load bench) does not grow without end. Channels, pins, users and commands stay.
   */
  forgetHistory(): void {
    for (const [channelId, channel] of this.messages) {
      for (const messageId of channel.keys()) {
        if (!this.isPinned(channelId, messageId)) channel.delete(messageId);
      }
    }
    this.interactions.clear();
  }

  // ---- pins ----

  /** Whether a message is pinned. */
  isPinned(channelId: string, messageId: string): boolean {
    return this.pins.get(channelId)?.has(messageId) ?? false;
  }

  /** How many messages are pinned in a channel. */
  pinCount(channelId: string): number {
    return this.pins.get(channelId)?.size ?? 0;
  }

  /** Pins a stored message, keeping the first pin time if it was already pinned. */
  pin(channelId: string, messageId: string): void {
    let channel = this.pins.get(channelId);
    if (!channel) {
      channel = new Map();
      this.pins.set(channelId, channel);
    }
    if (!channel.has(messageId)) channel.set(messageId, new Date().toISOString());
    this.setPinnedFlag(channelId, messageId, true);
  }

  /** Unpins a message; no-op if it was not pinned. */
  unpin(channelId: string, messageId: string): void {
    this.pins.get(channelId)?.delete(messageId);
    this.setPinnedFlag(channelId, messageId, false);
  }

  /** The pinned messages of a channel, most recently pinned first. */
  channelPins(channelId: string): PinRecord[] {
    const channel = this.pins.get(channelId);
    if (!channel) return [];
    const records: PinRecord[] = [];
    for (const [messageId, pinnedAt] of channel) {
      const message = this.message(channelId, messageId);
      if (message) records.push({ message, pinnedAt });
    }
    return records.reverse();
  }

  private setPinnedFlag(channelId: string, messageId: string, pinned: boolean): void {
    const message = this.message(channelId, messageId);
    if (message) this.messages.get(channelId)?.set(messageId, { ...message, pinned });
  }

  // ---- permissions ----

  /** What the bot may do in a channel: the channel's own setting, else the '*' setting, else everything. */
  botPermissions(channelId: string): BotPermissions {
    return this.permissions.get(channelId) ?? this.permissions.get('*') ?? ALLOW_ALL;
  }

  /** Changes what the bot may do in one channel, or in every channel with '*'. */
  setBotPermissions(channelId: string, change: Partial<BotPermissions>): void {
    if (channelId === '*') {
      for (const key of [...this.permissions.keys()]) {
        if (key !== '*') this.permissions.set(key, { ...this.botPermissions(key), ...change });
      }
    }
    this.permissions.set(channelId, { ...this.botPermissions(channelId), ...change });
  }

  // ---- interactions ----

  /** Remembers a dispatched interaction so its callback and webhook calls can be checked. */
  addInteraction(record: InteractionRecord): void {
    this.interactions.set(record.id, record);
  }

  /** A dispatched interaction by id. */
  interaction(id: string): InteractionRecord | undefined {
    return this.interactions.get(id);
  }

  /** A dispatched interaction by its token (webhook routes only carry the token). */
  interactionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) {
      if (record.token === token) return record;
    }
    return undefined;
  }

  // ---- commands ----

  /** The registered commands: global when `guildId` is null, else that guild's. */
  commands(guildId: string | null): APIApplicationCommand[] {
    return guildId === null ? this.globalCommands : (this.guildCommands.get(guildId) ?? []);
  }

  /** Replaces the registered commands (bulk overwrite). */
  setCommands(guildId: string | null, commands: APIApplicationCommand[]): void {
    if (guildId === null) this.globalCommands.splice(0, this.globalCommands.length, ...commands);
    else this.guildCommands.set(guildId, commands);
  }
}

/** Orders snowflakes numerically (they are decimal strings of different lengths). */
function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
