/**
 * Interaction routes: the callback (`POST /interactions/{id}/{token}/callback`) and the interaction
 * webhook (`/webhooks/{app}/{token}...`: edit/fetch/delete the original, follow-ups). These carry no
 * Authorization; the token in the path is the credential.
 */

import { type APIMessage, MessageType } from 'discord-api-types/v10';
import { Errors, invalidFormBody } from './errors.ts';
import { isRecord, validateAutocompleteChoices, validateModal } from './limits.ts';
import { attachmentsFor, editedMessage, messageFieldsFromBody, messagePayload } from './payloads.ts';
import { noContent, ok, param, type RestAnswer, type RestContext, type Route } from './rest-context.ts';
import {
  bodyObject,
  checkEdit,
  checkNewMessage,
  EPHEMERAL,
  echoMessage,
  messageIntent,
  storeBotMessage,
} from './rest-messages.ts';
import type { ChannelRecord, InteractionRecord } from './state.ts';

/** Interaction callback types (InteractionResponseType). */
const Callback = Object.freeze({
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
});

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  2: [Callback.Message, Callback.DeferredMessage, Callback.Modal],
  3: [
    Callback.Message,
    Callback.DeferredMessage,
    Callback.DeferredUpdate,
    Callback.UpdateMessage,
    Callback.Modal,
  ],
  4: [Callback.AutocompleteResult],
  5: [Callback.Message, Callback.DeferredMessage, Callback.DeferredUpdate, Callback.UpdateMessage],
};

/** Message flag LOADING: a deferred reply still "thinking". */
const LOADING = 1 << 7;

function requireInteractionChannel(ctx: RestContext, record: InteractionRecord): ChannelRecord {
  const channel = ctx.state.channel(record.channelId);
  if (!channel) throw Errors.unknownChannel();
  return channel;
}

/** The `interaction_metadata` Discord puts on messages created in answer to an interaction. */
function interactionMetadata(record: InteractionRecord): APIMessage['interaction_metadata'] {
  const base = {
    id: record.id,
    user: record.user,
    authorizing_integration_owners: { '0': record.guildId ?? '0' },
  };
  if (record.type === 3) return { ...base, type: 3, interacted_message_id: record.componentMessageId ?? '0' };
  return { ...base, type: 2, ...(record.name ? { name: record.name } : {}) };
}

/** A message the application posts through the interaction (reply, deferred placeholder, follow-up). */
function interactionMessage(
  ctx: RestContext,
  record: InteractionRecord,
  data: Record<string, unknown>,
  extraFlags = 0,
): APIMessage {
  const fields = messageFieldsFromBody(data);
  const isOriginalCommandReply = record.type === 2 && record.originalMessageId === null;
  const type = isOriginalCommandReply
    ? record.commandType === 1
      ? MessageType.ChatInputCommand
      : MessageType.ContextMenuCommand
    : MessageType.Default;
  return messagePayload({
    id: ctx.state.nextId(),
    channelId: record.channelId,
    author: ctx.state.botUser,
    ...fields,
    attachments: attachmentsFor(ctx.files, record.channelId, () => ctx.state.nextId()),
    flags: (fields.flags ?? 0) | extraFlags,
    type,
    webhookId: ctx.state.applicationId,
    applicationId: ctx.state.applicationId,
    interactionMetadata: interactionMetadata(record),
  });
}

function checkCallbackType(record: InteractionRecord, type: unknown): number {
  const allowed = ALLOWED_CALLBACKS[record.type] ?? [];
  if (typeof type === 'number' && allowed.includes(type)) return type;
  throw invalidFormBody([
    { path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${allowed.join(', ')}}.` },
  ]);
}

/** Validates the callback's data for its type (message limits, choices, modal). */
function checkCallbackData(ctx: RestContext, type: number, data: Record<string, unknown>): void {
  if (type === Callback.Message) checkNewMessage(data, ctx.files.length, ['data']);
  if (type === Callback.UpdateMessage) checkEdit(data, ['data']);
  if (type === Callback.AutocompleteResult) {
    const issues = validateAutocompleteChoices(data, ['data']);
    if (issues.length > 0) throw invalidFormBody(issues);
  }
  if (type === Callback.Modal) {
    const issues = validateModal(data, ['data']);
    if (issues.length > 0) throw invalidFormBody(issues);
  }
}

/** Performs the callback's effect on the channel; returns the message it created or updated, if any. */
function applyCallback(
  ctx: RestContext,
  record: InteractionRecord,
  type: number,
  data: Record<string, unknown>,
): APIMessage | undefined {
  const channel = requireInteractionChannel(ctx, record);
  if (type === Callback.Message || type === Callback.DeferredMessage) {
    const flags = type === Callback.DeferredMessage ? LOADING : 0;
    const source = type === Callback.DeferredMessage ? { flags: Number(data.flags ?? 0) & EPHEMERAL } : data;
    const message = interactionMessage(ctx, record, source, flags);
    storeBotMessage(ctx, channel, message);
    record.originalMessageId = message.id;
    return message;
  }
  if (type === Callback.DeferredUpdate || type === Callback.UpdateMessage) {
    record.originalMessageId = record.componentMessageId;
    const target = record.componentMessageId
      ? ctx.state.message(channel.id, record.componentMessageId)
      : undefined;
    if (!target || type === Callback.DeferredUpdate) return target;
    const updated = editedMessage(target, data, []);
    ctx.state.putMessage(updated);
    echoMessage(ctx, 'MESSAGE_UPDATE', updated, channel);
    return ctx.state.message(channel.id, updated.id);
  }
  return undefined;
}

/** The `?with_response=true` body: `{ interaction, resource }`. */
function callbackResponse(record: InteractionRecord, type: number, message: APIMessage | undefined) {
  const ephemeral = message ? ((message.flags ?? 0) & EPHEMERAL) !== 0 : undefined;
  return {
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: type === Callback.DeferredMessage,
            response_message_ephemeral: ephemeral,
          }
        : {}),
    },
    resource: message ? { type, message } : { type },
  };
}

/**
 * `POST /interactions/{id}/{token}/callback`: 204 (or 200 with `?with_response=true`); 40060 when
 * already acknowledged; 10062 when unknown or later than the acknowledgement deadline.
 */
function interactionCallback(ctx: RestContext): RestAnswer {
  const record = ctx.state.interaction(param(ctx, 'interaction'));
  if (!record) throw Errors.unknownInteraction();
  if (record.token !== param(ctx, 'token')) throw Errors.invalidWebhookToken();
  const body = bodyObject(ctx);
  const data = isRecord(body.data) ? body.data : {};
  if (body.type === Callback.Message) ctx.noteMessage('create', data);
  if (body.type === Callback.UpdateMessage) ctx.noteMessage('edit', data);
  if (record.acknowledgedWith !== null) throw Errors.alreadyAcknowledged();
  if (ctx.receivedAt - record.dispatchedAt > ctx.settings.ackDeadlineMs) throw Errors.unknownInteraction();
  const type = checkCallbackType(record, body.type);
  checkCallbackData(ctx, type, data);
  const message = applyCallback(ctx, record, type, data);
  record.acknowledgedWith = type;
  if (ctx.query.get('with_response') === 'true') return ok(callbackResponse(record, type, message));
  return noContent();
}

// ---- interaction webhook ----

/** The interaction a webhook call's token belongs to; 10015 when unknown, 50027 once the token expired. */
function webhookInteraction(ctx: RestContext): InteractionRecord {
  if (param(ctx, 'app') !== ctx.state.applicationId) throw Errors.unknownWebhook();
  const record = ctx.state.interactionByToken(param(ctx, 'token'));
  if (!record) throw Errors.unknownWebhook();
  if (ctx.receivedAt - record.dispatchedAt > ctx.settings.webhookTokenTtlMs)
    throw Errors.invalidWebhookToken();
  return record;
}

/** The message a webhook path names (`@original` or an id) in the interaction's channel. */
function webhookTarget(ctx: RestContext, record: InteractionRecord): APIMessage {
  const id = param(ctx, 'message');
  const messageId = id === '@original' ? record.originalMessageId : id;
  const message = messageId ? ctx.state.message(record.channelId, messageId) : undefined;
  if (!message) throw Errors.unknownMessage();
  return message;
}

/** An edit through the webhook; resolving a deferred reply clears its LOADING flag but keeps it ephemeral. */
function applyWebhookEdit(
  ctx: RestContext,
  record: InteractionRecord,
  message: APIMessage,
  body: Record<string, unknown>,
): APIMessage {
  const channel = requireInteractionChannel(ctx, record);
  const edited = editedMessage(
    message,
    body,
    attachmentsFor(ctx.files, channel.id, () => ctx.state.nextId()),
  );
  const wasLoading = ((message.flags ?? 0) & LOADING) !== 0;
  if (wasLoading) {
    edited.flags = ((edited.flags ?? 0) & ~LOADING) | ((message.flags ?? 0) & EPHEMERAL);
    edited.edited_timestamp = null;
  }
  ctx.state.putMessage(edited);
  echoMessage(ctx, 'MESSAGE_UPDATE', edited, channel);
  return ctx.state.message(channel.id, edited.id) ?? edited;
}

/**
 * `POST /webhooks/{app}/{token}` (followUp). As on Discord, the first follow-up after a deferred reply
 * replaces the "thinking" message instead of posting a new one.
 */
function followUp(ctx: RestContext): RestAnswer {
  const record = webhookInteraction(ctx);
  const body = bodyObject(ctx);
  ctx.noteMessage('create', body);
  if (record.acknowledgedWith === null) throw Errors.unknownWebhook();
  checkNewMessage(body, ctx.files.length);
  const original = record.originalMessageId
    ? ctx.state.message(record.channelId, record.originalMessageId)
    : undefined;
  let message: APIMessage;
  if (original && ((original.flags ?? 0) & LOADING) !== 0) {
    message = applyWebhookEdit(ctx, record, original, body);
  } else {
    message = interactionMessage(ctx, record, body);
    storeBotMessage(ctx, requireInteractionChannel(ctx, record), message);
  }
  return ctx.query.get('wait') === 'true' ? ok(message) : noContent();
}

function getWebhookMessage(ctx: RestContext): RestAnswer {
  return ok(webhookTarget(ctx, webhookInteraction(ctx)));
}

function editWebhookMessage(ctx: RestContext): RestAnswer {
  const record = webhookInteraction(ctx);
  const body = bodyObject(ctx);
  ctx.noteMessage('edit', body);
  const message = webhookTarget(ctx, record);
  checkEdit(body);
  return ok(applyWebhookEdit(ctx, record, message, body));
}

function deleteWebhookMessage(ctx: RestContext): RestAnswer {
  const record = webhookInteraction(ctx);
  const message = webhookTarget(ctx, record);
  const channel = requireInteractionChannel(ctx, record);
  ctx.state.deleteMessage(channel.id, message.id);
  if (ctx.settings.echoBotEvents && ((message.flags ?? 0) & EPHEMERAL) === 0) {
    const guild = channel.guildId === null ? {} : { guild_id: channel.guildId };
    ctx.emit('MESSAGE_DELETE', { id: message.id, channel_id: channel.id, ...guild }, messageIntent(channel));
  }
  return noContent();
}

/** Interaction callback and webhook routes (no Authorization). */
export const interactionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/interactions/:interaction/:token/callback',
    auth: false,
    handler: interactionCallback,
  },
  { method: 'POST', pattern: '/webhooks/:app/:token', auth: false, handler: followUp },
  {
    method: 'GET',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: false,
    handler: getWebhookMessage,
  },
  {
    method: 'PATCH',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: false,
    handler: editWebhookMessage,
  },
  {
    method: 'DELETE',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: false,
    handler: deleteWebhookMessage,
  },
];
