/**
 * Builders for the JSON Discord sends: users, channels, guilds, READY, messages and interactions.
 * Each builder fills in every field discord.js 14.28 reads, so the real Client accepts the payloads.
 */

import {
  type APIAttachment,
  type APIEmbed,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageReference,
  type APIMessageTopLevelComponent,
  type APIUser,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { isRecord } from './limits.ts';
import { ALLOW_ALL, type ChannelRecord, type EmulatorState } from './state.ts';
import type { BotPermissions, GuildConfig, RecordedFile } from './types.ts';

/** The user tests act as unless they pass their own. */
export const DEFAULT_TEST_USER: APIUser = Object.freeze({
  id: '200000000000000001',
  username: 'tester',
  discriminator: '0',
  global_name: 'Tester',
  avatar: null,
});

/** The owner of the default guilds: a separate user, so the test user gets no owner rights. */
const GUILD_OWNER_ID = '200000000000000099';

/** When everyone (the bot and the test users) joined the guilds. */
const JOINED_AT = '2024-01-01T00:00:00.000000+00:00';

/** Where attachment URLs point: a reserved TLD that never resolves, so nothing leaves the machine. */
const CDN_BASE = 'https://cdn.discordapp.invalid';

/** Interaction `attachment_size_limit` for a server without boosts (10 MiB). */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** What an ordinary member may do: read, write, embed, attach, react, use commands. */
export const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.CreateInstantInvite;

/** A member with Manage Messages, whom the bot treats as a moderator. */
export const MODERATOR_USER: UserInput = Object.freeze({ id: '200000000000000007', username: 'moderator' });

/** What a moderator may do: an ordinary member's permissions and Manage Messages. */
export const MODERATOR_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages;

/** The bot's permissions in a channel as a bitfield, from the emulator's permission switches. */
function botPermissionBits(permissions: BotPermissions): bigint {
  let bits = DEFAULT_MEMBER_PERMISSIONS & ~PermissionFlagsBits.SendMessages;
  if (permissions.sendMessages) bits |= PermissionFlagsBits.SendMessages;
  if (permissions.manageMessages) bits |= PermissionFlagsBits.ManageMessages;
  return bits;
}

/** A user as tests may give it: an id and username at least. */
export interface UserInput {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/** A complete APIUser from a partial one. */
export function userPayload(input: UserInput = DEFAULT_TEST_USER): APIUser {
  return {
    discriminator: '0',
    global_name: null,
    avatar: null,
    ...input,
  };
}

// ---- channels and guilds ----

/** A channel object as `GET /channels/{id}` and GUILD_CREATE return it. */
export function channelPayload(channel: ChannelRecord, state: EmulatorState): Record<string, unknown> {
  if (channel.guildId === null) {
    return {
      id: channel.id,
      type: channel.type,
      last_message_id: null,
      flags: 0,
      recipients: channel.recipient ? [channel.recipient] : [],
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: state.guildChannels(channel.guildId).indexOf(channel),
    permission_overwrites: botOverwrites(channel, state),
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** Member overwrites that deny the bot what `setBotPermissions` took away, so discord.js's cache agrees. */
function botOverwrites(channel: ChannelRecord, state: EmulatorState): Array<Record<string, unknown>> {
  const permissions = state.botPermissions(channel.id);
  let deny = 0n;
  if (!permissions.manageMessages) deny |= PermissionFlagsBits.ManageMessages;
  if (!permissions.sendMessages) deny |= PermissionFlagsBits.SendMessages;
  if (deny === 0n) return [];
  return [{ id: state.botUser.id, type: 1, allow: '0', deny: deny.toString() }];
}

/** The id of the bot's managed role in a guild (derived from the guild id, stable across calls). */
function botRoleId(guild: GuildConfig): string {
  return `${guild.id}9`;
}

/** A full guild as GUILD_CREATE sends it: channels, @everyone and bot roles, the bot as a member. */
export function guildCreatePayload(guild: GuildConfig, state: EmulatorState): Record<string, unknown> {
  const everyone = rolePayload(guild.id, '@everyone', DEFAULT_MEMBER_PERMISSIONS, 0);
  const botRole = rolePayload(botRoleId(guild), state.botUser.username, botPermissionBits(ALLOW_ALL), 1);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: GUILD_OWNER_ID,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    features: [],
    max_members: 500000,
    max_video_channel_users: 25,
    premium_progress_bar_enabled: false,
    application_id: null,
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    member_count: 2,
    roles: [everyone, botRole],
    emojis: [],
    stickers: [],
    channels: state.guildChannels(guild.id).map((channel) => channelPayload(channel, state)),
    threads: [],
    members: [{ ...memberFields([botRole.id]), user: state.botUser }],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function rolePayload(id: string, name: string, permissions: bigint, position: number) {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: position > 0,
    mentionable: false,
    flags: 0,
  };
}

/** The member fields other than `user` (MESSAGE_CREATE's `member` has exactly these). */
function memberFields(roles: string[] = []) {
  return {
    roles,
    nick: null,
    avatar: null,
    banner: null,
    joined_at: JOINED_AT,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** The READY dispatch: the bot user, guilds as unavailable (GUILD_CREATE follows), session and resume URL. */
export function readyPayload(
  state: EmulatorState,
  sessionId: string,
  resumeUrl: string,
): Record<string, unknown> {
  return {
    v: 10,
    user: { ...state.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
    guilds: state.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
    application: { id: state.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    user_settings: {},
    _trace: ['["discord-emulator",{"micros":0}]'],
  };
}

// ---- messages ----

/** Everything needed to build a message; the rest gets Discord's defaults. */
export interface MessageInit {
  id: string;
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  attachments?: APIAttachment[];
  type?: MessageType;
  flags?: number;
  tts?: boolean;
  mentions?: APIUser[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  reference?: APIMessageReference;
  referencedMessage?: APIMessage | null;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessage['interaction_metadata'];
}

/** A full message object as Discord returns it from REST. */
export function messagePayload(init: MessageInit): APIMessage {
  const message: APIMessage = {
    id: init.id,
    channel_id: init.channelId,
    author: init.author,
    content: init.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: init.tts ?? false,
    mention_everyone: init.mentionEveryone ?? false,
    mentions: init.mentions ?? [],
    mention_roles: init.mentionRoles ?? [],
    attachments: init.attachments ?? [],
    embeds: init.embeds ?? [],
    components: init.components ?? [],
    pinned: false,
    type: init.type ?? MessageType.Default,
    flags: init.flags ?? 0,
  };
  if (init.reference) message.message_reference = init.reference;
  if (init.referencedMessage !== undefined) message.referenced_message = init.referencedMessage;
  if (init.webhookId) message.webhook_id = init.webhookId;
  if (init.applicationId) message.application_id = init.applicationId;
  if (init.interactionMetadata) message.interaction_metadata = init.interactionMetadata;
  return message;
}

/**
 * The message fields a create or edit body sets. The body has passed `validateMessage`; its embeds and
 * components are kept as the bot sent them, typed as Discord's shapes.
 */
export function messageFieldsFromBody(body: Record<string, unknown>): Partial<MessageInit> {
  const fields: Partial<MessageInit> = {};
  if (typeof body.content === 'string') fields.content = body.content;
  if (body.content === null) fields.content = '';
  if (Array.isArray(body.embeds)) fields.embeds = body.embeds as APIEmbed[];
  if (Array.isArray(body.components)) fields.components = body.components as APIMessageTopLevelComponent[];
  if (typeof body.flags === 'number') fields.flags = body.flags;
  if (typeof body.tts === 'boolean') fields.tts = body.tts;
  return fields;
}

/** Attachment objects for uploaded files, in upload order. */
export function attachmentsFor(
  files: RecordedFile[],
  channelId: string,
  nextId: () => string,
): APIAttachment[] {
  return files.map((file) => {
    const id = nextId();
    const url = `${CDN_BASE}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    return {
      id,
      filename: file.filename,
      size: file.size,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
  });
}

/** Applies an edit body to a stored message: only the fields present change; sets edited_timestamp. */
export function editedMessage(
  message: APIMessage,
  body: Record<string, unknown>,
  attachments: APIAttachment[],
): APIMessage {
  const fields = messageFieldsFromBody(body);
  const edited: APIMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if (fields.content !== undefined) edited.content = fields.content;
  if (fields.embeds !== undefined) edited.embeds = fields.embeds;
  if (fields.components !== undefined) edited.components = fields.components;
  if (fields.flags !== undefined) edited.flags = fields.flags;
  if (Array.isArray(body.attachments) || attachments.length > 0) {
    const keptIds = new Set(arrayOfRecords(body.attachments).map((attachment) => String(attachment.id)));
    edited.attachments = [
      ...message.attachments.filter((attachment) => keptIds.has(attachment.id)),
      ...attachments,
    ];
  }
  return edited;
}

function arrayOfRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A message from a user as MESSAGE_CREATE delivers it: with guild_id and member in guilds, channel_type. */
export function incomingMessagePayload(
  message: APIMessage,
  channel: ChannelRecord,
): APIMessage & { guild_id?: string; member?: ReturnType<typeof memberFields>; channel_type: number } {
  if (channel.guildId === null) return { ...message, channel_type: channel.type };
  return { ...message, guild_id: channel.guildId, member: memberFields(), channel_type: channel.type };
}

// ---- interactions ----

/** An interaction payload as INTERACTION_CREATE delivers it. */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  version: 1;
  guild_id?: string;
  guild?: { id: string; locale: string; features: string[] };
  channel_id: string;
  channel: Record<string, unknown>;
  member?: APIInteractionGuildMember;
  user?: APIUser;
  app_permissions: string;
  locale: string;
  guild_locale?: string;
  entitlements: [];
  authorizing_integration_owners: Record<string, string>;
  context: number;
  attachment_size_limit: number;
  data?: Record<string, unknown>;
  message?: APIMessage;
}

/** Who triggers an interaction and where. */
export interface InteractionOrigin {
  id: string;
  token: string;
  type: number;
  channel: ChannelRecord;
  user: APIUser;
  memberPermissions: bigint;
  locale: string;
}

/** The fields every interaction carries; guild interactions get `member`, DMs get `user`. */
export function interactionBase(origin: InteractionOrigin, state: EmulatorState): InteractionPayload {
  const { channel } = origin;
  const base: InteractionPayload = {
    id: origin.id,
    application_id: state.applicationId,
    type: origin.type,
    token: origin.token,
    version: 1,
    channel_id: channel.id,
    channel: interactionChannel(channel, origin.user, origin.memberPermissions),
    app_permissions: botPermissionBits(state.botPermissions(channel.id)).toString(),
    locale: origin.locale,
    entitlements: [],
    authorizing_integration_owners: { '0': channel.guildId ?? '0' },
    context: channel.guildId === null ? 1 : 0,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (channel.guildId === null) return { ...base, user: origin.user };
  return {
    ...base,
    guild_id: channel.guildId,
    guild: { id: channel.guildId, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    member: { ...memberFields(), user: origin.user, permissions: origin.memberPermissions.toString() },
  };
}

/** The partial channel an interaction carries (DMs list the user as recipient). */
function interactionChannel(
  channel: ChannelRecord,
  user: APIUser,
  permissions: bigint,
): Record<string, unknown> {
  if (channel.guildId === null) {
    return { id: channel.id, type: channel.type, last_message_id: null, flags: 0, recipients: [user] };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    permissions: permissions.toString(),
  };
}

/** A command option as tests give it; `type` is inferred from `value` when left out. */
export interface CommandOptionInput {
  name: string;
  type?: number;
  value?: string | number | boolean;
  options?: CommandOptionInput[];
  focused?: boolean;
}

/** Discord ApplicationCommandOptionType for a value: 3 string, 4 integer, 10 number, 5 boolean; 1 sub-command. */
function inferOptionType(option: CommandOptionInput): number {
  if (option.type !== undefined) return option.type;
  if (option.value === undefined) return 1;
  if (typeof option.value === 'boolean') return 5;
  if (typeof option.value === 'number') return Number.isInteger(option.value) ? 4 : 10;
  return 3;
}

/** Options with their types filled in, as Discord sends them. */
export function commandOptionsPayload(options: CommandOptionInput[]): Array<Record<string, unknown>> {
  return options.map((option) => {
    const out: Record<string, unknown> = { name: option.name, type: inferOptionType(option) };
    if (option.value !== undefined) out.value = option.value;
    if (option.focused) out.focused = true;
    if (option.options) out.options = commandOptionsPayload(option.options);
    return out;
  });
}
