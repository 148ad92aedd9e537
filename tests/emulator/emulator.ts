/**
 * The emulator object tests hold: starts the HTTP + gateway server on 127.0.0.1, exposes what the bot
 * did (requests, gateway frames, channel state), sends events as a Discord user would, and injects
 * faults.
 */

import type { AddressInfo } from 'node:net';
import type {
  APIAllowedMentions,
  APIEmbed,
  APIMessage,
  APIMessageTopLevelComponent,
  APIUser,
} from 'discord-api-types/v10';
import { FaultBook } from './faults.ts';
import { type CloseRecord, Gateway, type ReadyRecord } from './gateway.ts';
import { isRecord } from './limits.ts';
import {
  type CommandOptionInput,
  channelPayload,
  commandOptionsPayload,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_TEST_USER,
  type InteractionPayload,
  incomingMessagePayload,
  interactionBase,
  messagePayload,
  type UserInput,
  userPayload,
} from './payloads.ts';
import { Recorder } from './recorder.ts';
import type { RestSettings } from './rest-context.ts';
import { Intents, messageIntent } from './rest-messages.ts';
import { createEmulatorServer } from './server.ts';
import { type ChannelRecord, EmulatorState, type InteractionRecord } from './state.ts';
import type {
  BotPermissions,
  EmulatorOptions,
  FaultSpec,
  GatewayFrame,
  GuildConfig,
  RecordedRequest,
} from './types.ts';

/** Intent MESSAGE_CONTENT: without it, guild messages that do not mention the bot arrive without content. */
const MESSAGE_CONTENT_INTENT = 1 << 15;

const DEFAULT_BOT: UserInput = { id: '100000000000000001', username: 'emulated-bot' };

const DEFAULT_GUILDS: GuildConfig[] = [
  {
    id: '300000000000000001',
    name: 'Emulated Guild',
    channels: [
      { id: '300000000000000011', name: 'general', type: 0 },
      { id: '300000000000000012', name: 'questions', type: 0 },
    ],
  },
];

/** Where and as whom an interaction or message happens. */
export interface OriginOptions {
  /** Default: {@link DEFAULT_TEST_USER}. */
  user?: UserInput;
  /** Default: the guild of `channelId`, else the first guild. */
  guildId?: string;
  /** Default: the first channel of the guild (or the user's DM channel with `inDm`). */
  channelId?: string;
  /** The member's permissions in the channel (guild only). Default: an ordinary member's. */
  memberPermissions?: bigint | string;
  /** Happen in the DM between the user and the bot instead of a guild. */
  inDm?: boolean;
  /** Default 'en-US'. */
  locale?: string;
  /**
   * 'gateway' (default): dispatch INTERACTION_CREATE to the identified client. 'http': only register
   * the interaction and return its payload, for tests that POST it, signed, to an HTTP-interactions
   * endpoint; no gateway client is needed.
   */
  deliver?: 'gateway' | 'http';
}

/** Options for a chat-input command interaction. */
export interface SlashCommandOptions extends OriginOptions {
  name: string;
  options?: CommandOptionInput[];
  /** Default: the id of the registered command with that name, else a new id. */
  commandId?: string;
}

/** Options for a button (or, with `componentType` and `values`, a select menu) interaction. */
export interface ButtonOptions extends OriginOptions {
  customId: string;
  /** The message the component is on; merged over a stored message with the same id, or a new bot message. */
  message?: Partial<APIMessage>;
  /** Default 2 (button); 3 for a string select. */
  componentType?: number;
  values?: string[];
}

/** Options for a message context-menu command. */
export interface MessageContextMenuOptions extends OriginOptions {
  name: string;
  targetMessage: Omit<Partial<APIMessage>, 'author'> & { id: string; content: string; author: UserInput };
  commandId?: string;
}

/** Options for a user message (MESSAGE_CREATE). */
export interface SendMessageOptions {
  content: string;
  /**
   * A guild channel from the config makes it a guild message; any other id is taken as the DM
   * channel's id. Default: the first channel of `guildId`, or the author's DM channel.
   */
  channelId?: string;
  /** Omit (with `channelId` also omitted, or not a guild channel) for a DM. */
  guildId?: string;
  /** Force a DM even if `guildId` is given. */
  inDm?: boolean;
  /** Default: {@link DEFAULT_TEST_USER}. */
  author?: UserInput;
  mentions?: UserInput[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  embeds?: APIEmbed[];
}

/** An interaction the emulator dispatched. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: InteractionPayload;
}

/** The data of an interaction callback, as the client sent it. */
export interface InteractionCallbackData {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  allowed_mentions?: APIAllowedMentions;
  choices?: Array<{ name: string; value: string | number }>;
  custom_id?: string;
  title?: string;
  [key: string]: unknown;
}

/** The first callback the client made for an interaction. */
export interface InteractionResponse {
  /** Callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: InteractionCallbackData | undefined;
  /** What the emulator answered (204/200, or an error status). */
  status: number;
  request: RecordedRequest;
}

/** The parts {@link startEmulator} wires together. */
interface EmulatorParts {
  state: EmulatorState;
  gateway: Gateway;
  faults: FaultBook;
  requestLog: Recorder<RecordedRequest>;
  frameLog: Recorder<GatewayFrame>;
  readyLog: Recorder<ReadyRecord>;
  closeLog: Recorder<CloseRecord>;
  closeServer: () => Promise<void>;
}

/** A running Discord API emulator. Create it with {@link startEmulator}. */
export class DiscordEmulator {
  /** REST base URL to give discord.js as `rest.api`, e.g. `http://127.0.0.1:PORT/api`. */
  readonly apiBase: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guilds: GuildConfig[];
  /** Every REST request answered, oldest first. */
  readonly requests: RecordedRequest[];
  /** Every frame received from gateway clients, oldest first. */
  readonly gatewayLog: GatewayFrame[];
  /** Every gateway connection that ended, with its close code, oldest first. */
  readonly gatewayCloses: CloseRecord[];

  private readonly state: EmulatorState;
  private readonly gateway: Gateway;
  private readonly faults: FaultBook;
  private readonly requestLog: Recorder<RecordedRequest>;
  private readonly frameLog: Recorder<GatewayFrame>;
  private readonly readyLog: Recorder<ReadyRecord>;
  private readonly closeLog: Recorder<CloseRecord>;
  private readonly closeServer: () => Promise<void>;

  /** @internal Use {@link startEmulator}. */
  constructor(
    readonly port: number,
    deps: EmulatorParts,
  ) {
    this.state = deps.state;
    this.gateway = deps.gateway;
    this.faults = deps.faults;
    this.requestLog = deps.requestLog;
    this.frameLog = deps.frameLog;
    this.readyLog = deps.readyLog;
    this.closeLog = deps.closeLog;
    this.closeServer = deps.closeServer;
    this.apiBase = `http://127.0.0.1:${port}/api`;
    this.applicationId = deps.state.applicationId;
    this.botUser = deps.state.botUser;
    this.guilds = deps.state.guilds;
    this.requests = deps.requestLog.items;
    this.gatewayLog = deps.frameLog.items;
    this.gatewayCloses = deps.closeLog.items;
  }

  /** Forgets recorded requests, gateway frames and READY history (state such as messages stays). */
  clearRecords(): void {
    this.requestLog.clear();
    this.frameLog.clear();
    this.readyLog.clear();
    this.closeLog.clear();
  }

  /**
   * Forgets what a long run accumulates: recorded requests and frames, stored messages that are not
   * pinned, dispatched interactions (their callbacks then get 10062) and the events kept for replay.
   * For load runs; tests rarely need it.
   */
  forgetHistory(): void {
    this.clearRecords();
    this.state.forgetHistory();
    this.gateway.forgetReplay();
  }

  /** Resolves with the first recorded request (past or future) matching; rejects after `timeoutMs`. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 2000,
  ): Promise<RecordedRequest> {
    return this.requestLog.waitFor(predicate, timeoutMs, 'a matching REST request');
  }

  /** Resolves with the first gateway frame (past or future) matching; rejects after `timeoutMs`. */
  waitForGatewayFrame(predicate: (frame: GatewayFrame) => boolean, timeoutMs = 2000): Promise<GatewayFrame> {
    return this.frameLog.waitFor(predicate, timeoutMs, 'a matching gateway frame');
  }

  /** Resolves once a client has identified and been sent READY and every GUILD_CREATE (since the last clear). */
  waitForReady(timeoutMs = 2000): Promise<ReadyRecord> {
    return this.readyLog.waitFor(() => true, timeoutMs, 'a client to identify and be sent READY');
  }

  /** Resolves once a gateway connection ends (since the last clear) with a close code matching. */
  waitForGatewayClose(
    predicate: (close: CloseRecord) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<CloseRecord> {
    return this.closeLog.waitFor(predicate, timeoutMs, 'a gateway connection to close');
  }

  /** Sends a dispatch (op 0) with the next sequence number to the identified client. */
  dispatch(t: string, d: object): void {
    this.gateway.dispatch(t, d);
  }

  /** Dispatches a chat-input command interaction (type 2, data.type 1). */
  sendSlashCommand(opts: SlashCommandOptions): SentInteraction {
    return this.sendChatInput(opts, 2);
  }

  /** Dispatches an autocomplete interaction (type 4); exactly one option must have `focused: true`. */
  sendAutocomplete(opts: SlashCommandOptions): SentInteraction {
    const focused = flattenOptions(opts.options ?? []).filter((option) => option.focused);
    if (focused.length !== 1)
      throw new Error(`sendAutocomplete: exactly one option needs focused: true (got ${focused.length})`);
    return this.sendChatInput(opts, 4);
  }

  /** A chat-input command's interaction: type 2 runs it, type 4 asks for autocomplete choices. */
  private sendChatInput(opts: SlashCommandOptions, type: 2 | 4): SentInteraction {
    return this.sendInteraction(
      opts,
      type,
      { commandType: 1, name: opts.name, componentMessageId: null },
      (channel) => ({
        data: this.commandData(opts.name, 1, channel, opts.commandId, {
          options: commandOptionsPayload(opts.options ?? []),
        }),
      }),
    );
  }

  /** Dispatches a button click (type 3) on a message, storing that message so `update()` can edit it. */
  sendButton(opts: ButtonOptions): SentInteraction {
    const channel = this.resolveChannel(opts, userPayload(opts.user ?? DEFAULT_TEST_USER));
    const message = this.componentMessage(channel, opts);
    return this.sendInteraction(
      opts,
      3,
      { commandType: null, name: null, componentMessageId: message.id },
      () => ({
        data: {
          custom_id: opts.customId,
          component_type: opts.componentType ?? 2,
          ...(opts.values ? { values: opts.values } : {}),
        },
        message,
      }),
    );
  }

  /** Dispatches a message context-menu command (type 2, data.type 3) targeting a message. */
  sendMessageContextMenu(opts: MessageContextMenuOptions): SentInteraction {
    const channel = this.resolveChannel(opts, userPayload(opts.user ?? DEFAULT_TEST_USER));
    const { author, ...rest } = opts.targetMessage;
    const target = this.state.message(channel.id, opts.targetMessage.id) ?? {
      ...messagePayload({ id: opts.targetMessage.id, channelId: channel.id, author: userPayload(author) }),
      ...rest,
      channel_id: channel.id,
    };
    this.state.putMessage(target);
    return this.sendInteraction(
      opts,
      2,
      { commandType: 3, name: opts.name, componentMessageId: null },
      () => ({
        data: this.commandData(opts.name, 3, channel, opts.commandId, {
          target_id: target.id,
          resolved: { messages: { [target.id]: target } },
        }),
      }),
    );
  }

  /**
   * Dispatches MESSAGE_CREATE for a user's message and returns the stored message. Delivered only if
   * the client asked for the intent (GUILD_MESSAGES or DIRECT_MESSAGES); without MESSAGE_CONTENT a
   * guild message that does not mention the bot arrives with empty content, as on Discord.
   * With neither `guildId` nor a guild `channelId` it is a DM (channel type 1, no guild_id).
   */
  sendMessage(opts: SendMessageOptions): APIMessage {
    const intents = this.gateway.currentIntents();
    if (intents === null) throw new Error('sendMessage: no gateway client has identified yet');
    const author = userPayload(opts.author ?? DEFAULT_TEST_USER);
    const channel = this.resolveMessageChannel(opts, author);
    const mentions = (opts.mentions ?? []).map((user) => userPayload(user));
    const message = messagePayload({
      id: this.state.nextId(),
      channelId: channel.id,
      author,
      content: opts.content,
      embeds: opts.embeds ?? [],
      mentions,
      mentionRoles: opts.mentionRoles ?? [],
      mentionEveryone: opts.mentionEveryone ?? false,
    });
    this.state.putMessage(message);
    const mentionsBot = mentions.some((user) => user.id === this.botUser.id);
    const hidden = channel.guildId !== null && !mentionsBot && (intents & MESSAGE_CONTENT_INTENT) === 0;
    const delivered = hidden
      ? { ...message, content: '', embeds: [], attachments: [], components: [] }
      : message;
    this.gateway.dispatchIfSubscribed(
      'MESSAGE_CREATE',
      incomingMessagePayload(delivered, channel),
      messageIntent(channel),
    );
    return message;
  }

  /** Resolves with the first callback the client made for the interaction (whatever the emulator answered). */
  async waitForInteractionResponse(interactionId: string, timeoutMs = 2000): Promise<InteractionResponse> {
    const request = await this.requestLog.waitFor(
      (r) =>
        r.method === 'POST' &&
        r.path.startsWith(`/interactions/${interactionId}/`) &&
        r.path.endsWith('/callback'),
      timeoutMs,
      `the callback of interaction ${interactionId}`,
    );
    const body = isRecord(request.body) ? request.body : {};
    // The data is what the client sent; typed loosely as Discord's callback data for convenient reads.
    const data = isRecord(body.data) ? (body.data as InteractionCallbackData) : undefined;
    return { type: Number(body.type), data, status: request.status, request };
  }

  /** Resolves with the client's edit (PATCH) of the interaction's original response; rejects after `timeoutMs`. */
  waitForOriginalEdit(ix: SentInteraction, timeoutMs = 2000): Promise<RecordedRequest> {
    const path = `/webhooks/${this.applicationId}/${ix.token}/messages/@original`;
    return this.requestLog.waitFor(
      (r) => r.method === 'PATCH' && r.path === path,
      timeoutMs,
      `the edit of interaction ${ix.id}'s original response`,
    );
  }

  /** The messages the bot created in a channel (and their current, edited state), oldest first. */
  messages(channelId: string): APIMessage[] {
    return this.state
      .channelMessages(channelId)
      .filter((message) => message.author.id === this.botUser.id)
      .map((message) => structuredClone(message));
  }

  /** The pinned messages of a channel, most recently pinned first. */
  pins(channelId: string): APIMessage[] {
    return this.state.channelPins(channelId).map((pin) => structuredClone(pin.message));
  }

  /** Makes the next matching request(s) fail (or be slow); see {@link FaultSpec}. */
  failNext(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  /**
   * Changes what the bot may do in a channel ('*': every channel). Enforced by REST (50013) and
   * announced to a connected client with CHANNEL_UPDATE, so discord.js's permission cache agrees.
   */
  setBotPermissions(channelId: string, permissions: Partial<BotPermissions>): void {
    this.state.setBotPermissions(channelId, permissions);
    const changed = this.guilds
      .flatMap((guild) => this.state.guildChannels(guild.id))
      .filter((channel) => channelId === '*' || channel.id === channelId);
    for (const channel of changed) {
      this.gateway.dispatchIfSubscribed(
        'CHANNEL_UPDATE',
        channelPayload(channel, this.state),
        Intents.Guilds,
      );
    }
  }

  /** Closes the client's socket with a close code (1006: cut without a close frame). */
  closeGateway(code: number): void {
    this.gateway.closeCurrent(code);
  }

  /** Sends op 7 Reconnect. */
  sendReconnect(): void {
    this.gateway.sendReconnect();
  }

  /** Sends op 9 Invalid Session (`false`: the session is gone, the client must identify again). */
  sendInvalidSession(resumable: boolean): void {
    this.gateway.sendInvalidSession(resumable);
  }

  /** Stops everything: sockets, server, delayed answers, pending waits. */
  async close(): Promise<void> {
    this.requestLog.rejectAll('emulator closed');
    this.frameLog.rejectAll('emulator closed');
    this.readyLog.rejectAll('emulator closed');
    this.closeLog.rejectAll('emulator closed');
    await this.gateway.close();
    await this.closeServer();
  }

  // ---- helpers ----

  /** The channel an event happens in, from the origin options (see {@link OriginOptions}). */
  private resolveChannel(opts: OriginOptions, user: APIUser): ChannelRecord {
    if (opts.channelId !== undefined) {
      const known = this.state.channel(opts.channelId);
      if (known) return known;
      if (opts.guildId !== undefined)
        throw new Error(`Unknown channel ${opts.channelId} in guild ${opts.guildId}`);
      return this.state.addDmChannel(opts.channelId, user);
    }
    if (opts.inDm) return this.state.dmChannelFor(user);
    const guild =
      opts.guildId === undefined ? this.guilds[0] : this.guilds.find((g) => g.id === opts.guildId);
    const first = guild ? this.state.guildChannels(guild.id)[0] : undefined;
    if (!first) throw new Error(`No channel to use: guild ${opts.guildId ?? '(default)'} has no channels`);
    return first;
  }

  /** The channel of a user message: a guild channel when `guildId` or a guild `channelId` says so, else a DM. */
  private resolveMessageChannel(opts: SendMessageOptions, author: APIUser): ChannelRecord {
    const known = opts.channelId === undefined ? undefined : this.state.channel(opts.channelId);
    const inGuild =
      !opts.inDm && (opts.guildId !== undefined || (known !== undefined && known.guildId !== null));
    if (inGuild) return this.resolveChannel(opts, author);
    if (known) return known;
    return opts.channelId === undefined
      ? this.state.dmChannelFor(author)
      : this.state.addDmChannel(opts.channelId, author);
  }

  /** `data` of a command interaction, with the registered command's id when there is one. */
  private commandData(
    name: string,
    type: number,
    channel: ChannelRecord,
    commandId: string | undefined,
    extra: Record<string, unknown>,
  ): Record<string, unknown> {
    const guildCommand =
      channel.guildId === null
        ? undefined
        : this.state.commands(channel.guildId).find((c) => c.name === name);
    const registered =
      guildCommand ?? this.state.commands(null).find((c) => c.name === name && c.type === type);
    const guild = guildCommand && channel.guildId !== null ? { guild_id: channel.guildId } : {};
    return { id: commandId ?? registered?.id ?? this.state.nextId(), name, type, ...guild, ...extra };
  }

  /** The message a component interaction comes from: stored (merged with overrides) or a new bot message. */
  private componentMessage(channel: ChannelRecord, opts: ButtonOptions): APIMessage {
    const id = opts.message?.id;
    const stored = id === undefined ? undefined : this.state.message(channel.id, id);
    const base =
      stored ??
      messagePayload({
        id: id ?? this.state.nextId(),
        channelId: channel.id,
        author: this.botUser,
        content: '',
        components: [
          { type: 1, components: [{ type: 2, style: 1, custom_id: opts.customId, label: 'Button' }] },
        ],
      });
    const message: APIMessage = { ...base, ...opts.message, channel_id: channel.id };
    this.state.putMessage(message);
    return message;
  }

  /** Builds, registers and dispatches an interaction. */
  private sendInteraction(
    opts: OriginOptions,
    type: number,
    meta: Pick<InteractionRecord, 'commandType' | 'name' | 'componentMessageId'>,
    build: (channel: ChannelRecord) => Partial<InteractionPayload>,
  ): SentInteraction {
    const user = userPayload(opts.user ?? DEFAULT_TEST_USER);
    const channel = this.resolveChannel(opts, user);
    this.state.rememberUser(user);
    const id = this.state.nextId();
    const token = this.state.newToken();
    const memberPermissions = BigInt(opts.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS);
    const base = interactionBase(
      { id, token, type, channel, user, memberPermissions, locale: opts.locale ?? 'en-US' },
      this.state,
    );
    const payload: InteractionPayload = { ...base, ...build(channel) };
    this.state.addInteraction({
      id,
      token,
      type,
      ...meta,
      channelId: channel.id,
      guildId: channel.guildId,
      user,
      dispatchedAt: Date.now(),
      acknowledgedWith: null,
      originalMessageId: null,
    });
    if (opts.deliver !== 'http') this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }
}

function flattenOptions(options: CommandOptionInput[]): CommandOptionInput[] {
  return options.flatMap((option) => [option, ...flattenOptions(option.options ?? [])]);
}

/** Starts an emulator on 127.0.0.1 with a random port. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<DiscordEmulator> {
  const botUser = userPayload({ ...(opts.botUser ?? DEFAULT_BOT), bot: true });
  const guilds = structuredClone(opts.guilds ?? DEFAULT_GUILDS);
  const state = new EmulatorState(botUser, opts.applicationId ?? botUser.id, guilds, opts.pinLimit ?? 250);
  state.rememberUser(userPayload(DEFAULT_TEST_USER));
  const requestLog = new Recorder<RecordedRequest>(
    'waitForRequest',
    (r) => `#${r.seq} ${r.method} ${r.path} -> ${r.status}`,
  );
  const frameLog = new Recorder<GatewayFrame>('gateway', (f) => `conn ${f.connectionId} op ${f.op}`);
  const readyLog = new Recorder<ReadyRecord>(
    'waitForReady',
    (r) => `conn ${r.connectionId} session ${r.sessionId}`,
  );
  const closeLog = new Recorder<CloseRecord>(
    'gateway closes',
    (c) => `conn ${c.connectionId} code ${c.code}`,
  );
  const faults = new FaultBook();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const gateway = new Gateway({
    state,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
    rejectToken: opts.rejectToken,
    privilegedIntentsEnabled: opts.privilegedIntentsEnabled ?? true,
    resumeUrl: gatewayUrl,
    frames: frameLog,
    readies: readyLog,
    closes: closeLog,
  });
  const abort = new AbortController();
  const settings = (): RestSettings => ({
    gatewayUrl: gatewayUrl(),
    ackDeadlineMs: opts.ackDeadlineMs ?? 3000,
    webhookTokenTtlMs: opts.webhookTokenTtlMs ?? 15 * 60 * 1000,
    echoBotEvents: opts.echoBotEvents ?? true,
  });
  const server = createEmulatorServer({
    state,
    gateway,
    faults,
    requests: requestLog,
    settings,
    rejectToken: opts.rejectToken,
    signal: abort.signal,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const closeServer = async () => {
    abort.abort();
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
  };
  return new DiscordEmulator(port, {
    state,
    gateway,
    faults,
    requestLog,
    frameLog,
    readyLog,
    closeLog,
    closeServer,
  });
}
