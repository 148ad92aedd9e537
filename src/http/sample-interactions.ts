/**
 * Interaction payloads shaped as Discord POSTs them to an HTTP-interactions endpoint, and the
 * signing Discord does, for the HTTP bench (`npm run bench:http`) and the tests. Nothing in the
 * bot's request path uses this file.
 */
import { type KeyObject, sign } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.ts';

/** Ids the samples use unless told otherwise. */
export const SAMPLE_IDS = Object.freeze({
  application: '100000000000000001',
  guild: '300000000000000001',
  channel: '300000000000000011',
  user: '200000000000000001',
});

/** Where and as whom a sample interaction happens. */
export interface SampleOrigin {
  readonly userId?: string;
  readonly moderator?: boolean;
  readonly channelId?: string;
  readonly guildId?: string;
  readonly applicationId?: string;
}

/** An option as a test or the bench writes it. */
export interface SampleOption {
  readonly name: string;
  readonly value: string | number | boolean;
  readonly focused?: boolean;
}

const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages;

/** A token shaped like Discord's interaction tokens (long, url-safe); distinct per interaction. */
export function sampleToken(interactionId: string): string {
  return `aW50ZXJhY3Rpb246${interactionId}OnNhbXBsZS10b2tlbi1ub3QtYS1zZWNyZXQ`;
}

function optionType(value: SampleOption['value']): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') return ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

/** The fields every interaction carries. */
function base(id: string, type: InteractionType, origin: SampleOrigin = {}): Record<string, unknown> {
  const channelId = origin.channelId ?? SAMPLE_IDS.channel;
  const guildId = origin.guildId ?? SAMPLE_IDS.guild;
  const permissions = String(origin.moderator ? MODERATOR_PERMISSIONS : MEMBER_PERMISSIONS);
  return {
    id,
    application_id: origin.applicationId ?? SAMPLE_IDS.application,
    type,
    token: sampleToken(id),
    version: 1,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'general' },
    member: {
      user: {
        id: origin.userId ?? SAMPLE_IDS.user,
        username: 'tester',
        discriminator: '0',
        global_name: null,
        avatar: null,
      },
      roles: [],
      permissions,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: String(MODERATOR_PERMISSIONS),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** PING: Discord checks the endpoint with it. */
export function samplePing(id: string): Record<string, unknown> {
  return {
    id,
    application_id: SAMPLE_IDS.application,
    type: InteractionType.Ping,
    token: sampleToken(id),
    version: 1,
  };
}

/** A slash command (chat input). */
export function sampleCommand(
  id: string,
  name: string,
  options: readonly SampleOption[] = [],
  origin?: SampleOrigin,
): Record<string, unknown> {
  return {
    ...base(id, InteractionType.ApplicationCommand, origin),
    data: {
      id: '400000000000000001',
      name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0
        ? { options: options.map((o) => ({ name: o.name, type: optionType(o.value), value: o.value })) }
        : {}),
    },
  };
}

/** Autocomplete while the user types into `focused`. */
export function sampleAutocomplete(
  id: string,
  name: string,
  focused: { readonly name: string; readonly value: string },
  origin?: SampleOrigin,
): Record<string, unknown> {
  return {
    ...base(id, InteractionType.ApplicationCommandAutocomplete, origin),
    data: {
      id: '400000000000000001',
      name,
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          name: focused.name,
          type: ApplicationCommandOptionType.String,
          value: focused.value,
          focused: true,
        },
      ],
    },
  };
}

const BOT_AUTHOR = {
  id: SAMPLE_IDS.application,
  username: 'election-bot',
  discriminator: '0',
  bot: true,
  avatar: null,
  global_name: null,
};
const SOMEONE = {
  id: '200000000000000002',
  username: 'someone',
  discriminator: '0',
  avatar: null,
  global_name: null,
};

/** A plain channel message as Discord sends it inside an interaction. */
function sampleMessage(
  id: string,
  channelId: string,
  author: object,
  content: string,
): Record<string, unknown> {
  return {
    id,
    channel_id: channelId,
    author,
    content,
    timestamp: '2024-01-01T00:00:00.000000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}

/** A click on a button with `customId`, on the bot's message `messageId`. */
export function sampleButton(
  id: string,
  customId: string,
  messageId = '500000000000000001',
  origin?: SampleOrigin,
): Record<string, unknown> {
  const b = base(id, InteractionType.MessageComponent, origin);
  return {
    ...b,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: {
      ...sampleMessage(messageId, String(b.channel_id), BOT_AUTHOR, ''),
      flags: 0,
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: 2, label: 'Button', custom_id: customId }],
        },
      ],
    },
  };
}

/** A message context-menu command run on a message with `content`. */
export function sampleMessageCommand(
  id: string,
  name: string,
  target: { readonly id: string; readonly content: string },
  origin?: SampleOrigin,
): Record<string, unknown> {
  const b = base(id, InteractionType.ApplicationCommand, origin);
  return {
    ...b,
    data: {
      id: '400000000000000002',
      name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: {
        messages: {
          [target.id]: sampleMessage(target.id, String(b.channel_id), SOMEONE, target.content),
        },
      },
    },
  };
}

/** The headers Discord sends with a body: Ed25519 over `timestamp + body` with the application's key. */
export function signatureHeaders(
  privateKey: KeyObject,
  body: Buffer | string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const timestamp = String(timestampSeconds);
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), bytes]), privateKey).toString('hex');
  return { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: timestamp, 'content-type': 'application/json' };
}

/** The raw 64-hex-character public key (as the developer portal shows it) of an Ed25519 KeyObject. */
export function rawPublicKeyHex(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('hex');
}
