/**
 * Channel message routes: send (and reply), fetch, edit, delete, list, pins and typing. Messages the
 * bot creates are stored and, like on Discord, echoed back to it over the gateway.
 */

import { type APIMessage, MessageType } from 'discord-api-types/v10';
import { Errors, invalidFormBody } from './errors.ts';
import { isEmptyMessage, isRecord, validateMessage } from './limits.ts';
import {
  attachmentsFor,
  editedMessage,
  incomingMessagePayload,
  messageFieldsFromBody,
  messagePayload,
} from './payloads.ts';
import { noContent, ok, param, type RestAnswer, type RestContext, type Route } from './rest-context.ts';
import type { ChannelRecord } from './state.ts';

/** Gateway intents that gate the events echoed here. */
export const Intents = Object.freeze({ Guilds: 1 << 0, GuildMessages: 1 << 9, DirectMessages: 1 << 12 });

/** Message flag EPHEMERAL: only the invoking user sees it, and no gateway event is sent. */
export const EPHEMERAL = 1 << 6;

/** The intent a message event in this channel needs. */
export function messageIntent(channel: ChannelRecord): number {
  return channel.guildId === null ? Intents.DirectMessages : Intents.GuildMessages;
}

/** Sends MESSAGE_CREATE / MESSAGE_UPDATE for a bot message unless it is ephemeral or echoes are off. */
export function echoMessage(ctx: RestContext, t: string, message: APIMessage, channel: ChannelRecord): void {
  if (!ctx.settings.echoBotEvents || ((message.flags ?? 0) & EPHEMERAL) !== 0) return;
  ctx.emit(t, incomingMessagePayload(message, channel), messageIntent(channel));
}

/** Stores a message the bot created and echoes it. */
export function storeBotMessage(ctx: RestContext, channel: ChannelRecord, message: APIMessage): void {
  ctx.state.putMessage(message);
  echoMessage(ctx, 'MESSAGE_CREATE', message, channel);
}

/** Refuses a create body Discord would refuse: limits (50035) or nothing to show (50006). */
export function checkNewMessage(body: Record<string, unknown>, fileCount: number, path: string[] = []): void {
  const issues = validateMessage(body, path);
  if (issues.length > 0) throw invalidFormBody(issues);
  if (isEmptyMessage(body, fileCount)) throw Errors.emptyMessage();
}

/** Refuses an edit body that breaks the limits (50035). */
export function checkEdit(body: Record<string, unknown>, path: string[] = []): void {
  const issues = validateMessage(body, path);
  if (issues.length > 0) throw invalidFormBody(issues);
}

/** The request body as an object ({} when absent). */
export function bodyObject(ctx: RestContext): Record<string, unknown> {
  return isRecord(ctx.body) ? ctx.body : {};
}

function requireChannel(ctx: RestContext): ChannelRecord {
  const channel = ctx.state.channel(param(ctx, 'channel'));
  if (!channel) throw Errors.unknownChannel();
  return channel;
}

function requireMessage(ctx: RestContext, channel: ChannelRecord): APIMessage {
  const message = ctx.state.message(channel.id, param(ctx, 'message'));
  if (!message) throw Errors.unknownMessage();
  return message;
}

/** Guild channels enforce the bot's permissions; DMs let the bot do anything it can do there. */
function requirePermission(
  ctx: RestContext,
  channel: ChannelRecord,
  key: 'manageMessages' | 'sendMessages',
): void {
  if (channel.guildId !== null && !ctx.state.botPermissions(channel.id)[key])
    throw Errors.missingPermissions();
}

/** Resolves `message_reference` of a reply; Discord refuses an unknown message unless fail_if_not_exists is false. */
function resolveReply(ctx: RestContext, channel: ChannelRecord, reference: unknown) {
  if (!isRecord(reference) || typeof reference.message_id !== 'string') return undefined;
  const channelId = typeof reference.channel_id === 'string' ? reference.channel_id : channel.id;
  const target = ctx.state.message(channelId, reference.message_id);
  if (!target) {
    if (reference.fail_if_not_exists === false) return undefined;
    throw invalidFormBody([
      { path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' },
    ]);
  }
  const guildId = channel.guildId === null ? {} : { guild_id: channel.guildId };
  return { reference: { type: 0, message_id: target.id, channel_id: channelId, ...guildId }, target };
}

function createMessage(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  const body = bodyObject(ctx);
  ctx.noteMessage('create', body);
  requirePermission(ctx, channel, 'sendMessages');
  checkNewMessage(body, ctx.files.length);
  const reply = resolveReply(ctx, channel, body.message_reference);
  const id = ctx.state.nextId();
  const message = messagePayload({
    id,
    channelId: channel.id,
    author: ctx.state.botUser,
    ...messageFieldsFromBody(body),
    attachments: attachmentsFor(ctx.files, channel.id, () => ctx.state.nextId()),
    type: reply ? MessageType.Reply : MessageType.Default,
    ...(reply ? { reference: reply.reference, referencedMessage: reply.target } : {}),
  });
  storeBotMessage(ctx, channel, message);
  return ok(message);
}

function getMessage(ctx: RestContext): RestAnswer {
  return ok(requireMessage(ctx, requireChannel(ctx)));
}

function editMessage(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  const message = requireMessage(ctx, channel);
  const body = bodyObject(ctx);
  ctx.noteMessage('edit', body);
  if (message.author.id !== ctx.state.botUser.id) throw Errors.cannotEditOthers();
  checkEdit(body);
  const attachments = attachmentsFor(ctx.files, channel.id, () => ctx.state.nextId());
  const edited = editedMessage(message, body, attachments);
  ctx.state.putMessage(edited);
  echoMessage(ctx, 'MESSAGE_UPDATE', edited, channel);
  return ok(ctx.state.message(channel.id, edited.id));
}

function deleteMessage(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  const message = requireMessage(ctx, channel);
  if (message.author.id !== ctx.state.botUser.id) requirePermission(ctx, channel, 'manageMessages');
  ctx.state.deleteMessage(channel.id, message.id);
  if (ctx.settings.echoBotEvents) {
    const guild = channel.guildId === null ? {} : { guild_id: channel.guildId };
    ctx.emit('MESSAGE_DELETE', { id: message.id, channel_id: channel.id, ...guild }, messageIntent(channel));
  }
  return noContent();
}

/** Reads an integer query parameter clamped to [min, max]. */
function queryInt(ctx: RestContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  const value = raw === null ? fallback : Number.parseInt(raw, 10);
  return Number.isNaN(value) ? fallback : Math.min(max, Math.max(min, value));
}

/** `GET /channels/{c}/messages?limit&before&after`: newest first. */
function listMessages(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  const limit = queryInt(ctx, 'limit', 50, 1, 100);
  const before = ctx.query.get('before');
  const after = ctx.query.get('after');
  const messages = ctx.state
    .channelMessages(channel.id)
    .filter((message) => before === null || BigInt(message.id) < BigInt(before))
    .filter((message) => after === null || BigInt(message.id) > BigInt(after))
    .reverse();
  return ok(messages.slice(0, limit));
}

function pinMessage(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  requirePermission(ctx, channel, 'manageMessages');
  const message = requireMessage(ctx, channel);
  if (ctx.state.isPinned(channel.id, message.id)) return noContent();
  if (ctx.state.pinCount(channel.id) >= ctx.state.pinLimit) throw Errors.maxPins(ctx.state.pinLimit);
  ctx.state.pin(channel.id, message.id);
  echoPinsUpdate(ctx, channel);
  return noContent();
}

function unpinMessage(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  requirePermission(ctx, channel, 'manageMessages');
  const message = requireMessage(ctx, channel);
  if (!ctx.state.isPinned(channel.id, message.id)) return noContent();
  ctx.state.unpin(channel.id, message.id);
  echoPinsUpdate(ctx, channel);
  return noContent();
}

function echoPinsUpdate(ctx: RestContext, channel: ChannelRecord): void {
  if (!ctx.settings.echoBotEvents) return;
  const last = ctx.state.channelPins(channel.id)[0]?.pinnedAt ?? null;
  const guild = channel.guildId === null ? {} : { guild_id: channel.guildId };
  const intent = channel.guildId === null ? Intents.DirectMessages : Intents.Guilds;
  ctx.emit('CHANNEL_PINS_UPDATE', { channel_id: channel.id, last_pin_timestamp: last, ...guild }, intent);
}

/** `GET /channels/{c}/messages/pins?before&limit` (discord.js 14.28 `fetchPins()`): `{ items, has_more }`. */
function listPins(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  const limit = queryInt(ctx, 'limit', 50, 1, 50);
  const before = ctx.query.get('before');
  const pins = ctx.state
    .channelPins(channel.id)
    .filter((pin) => before === null || Date.parse(pin.pinnedAt) < Date.parse(before));
  return ok({
    items: pins.slice(0, limit).map((pin) => ({ pinned_at: pin.pinnedAt, message: pin.message })),
    has_more: pins.length > limit,
  });
}

/** `GET /channels/{c}/pins` (deprecated `fetchPinned()`): an array of messages. */
function listPinsLegacy(ctx: RestContext): RestAnswer {
  const channel = requireChannel(ctx);
  return ok(ctx.state.channelPins(channel.id).map((pin) => pin.message));
}

function typing(ctx: RestContext): RestAnswer {
  requireChannel(ctx);
  return noContent();
}

/** Message routes, literal `pins` segments before the `:message` parameter. */
export const messageRoutes: Route[] = [
  { method: 'GET', pattern: '/channels/:channel/messages', auth: true, handler: listMessages },
  { method: 'POST', pattern: '/channels/:channel/messages', auth: true, handler: createMessage },
  { method: 'GET', pattern: '/channels/:channel/messages/pins', auth: true, handler: listPins },
  { method: 'PUT', pattern: '/channels/:channel/messages/pins/:message', auth: true, handler: pinMessage },
  {
    method: 'DELETE',
    pattern: '/channels/:channel/messages/pins/:message',
    auth: true,
    handler: unpinMessage,
  },
  { method: 'GET', pattern: '/channels/:channel/messages/:message', auth: true, handler: getMessage },
  { method: 'PATCH', pattern: '/channels/:channel/messages/:message', auth: true, handler: editMessage },
  { method: 'DELETE', pattern: '/channels/:channel/messages/:message', auth: true, handler: deleteMessage },
  { method: 'GET', pattern: '/channels/:channel/pins', auth: true, handler: listPinsLegacy },
  { method: 'PUT', pattern: '/channels/:channel/pins/:message', auth: true, handler: pinMessage },
  { method: 'DELETE', pattern: '/channels/:channel/pins/:message', auth: true, handler: unpinMessage },
  { method: 'POST', pattern: '/channels/:channel/typing', auth: true, handler: typing },
];
