/**
 * REST route table and the routes that are not about messages or interactions: gateway discovery,
 * the bot's user and application, guilds, channels, DMs and application commands.
 */

import type { APIApplicationCommand } from 'discord-api-types/v10';
import { ApiError, Errors, invalidFormBody } from './errors.ts';
import { isRecord, validateCommand, validateCommandList } from './limits.ts';
import { channelPayload, guildCreatePayload, userPayload } from './payloads.ts';
import { noContent, ok, param, type RestAnswer, type RestContext, type Route } from './rest-context.ts';
import { interactionRoutes } from './rest-interactions.ts';
import { messageRoutes } from './rest-messages.ts';

// ---- gateway, user, application ----

function getGatewayBot(ctx: RestContext): RestAnswer {
  return ok({
    url: ctx.settings.gatewayUrl,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
  });
}

function getMe(ctx: RestContext): RestAnswer {
  return ok({
    ...ctx.state.botUser,
    verified: true,
    mfa_enabled: false,
    flags: 0,
    email: null,
    locale: 'en-US',
  });
}

function getApplication(ctx: RestContext): RestAnswer {
  const { state } = ctx;
  return ok({
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot: state.botUser,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: userPayload({ id: '200000000000000099', username: 'owner' }),
    team: null,
    approximate_guild_count: state.guilds.length,
    integration_types_config: { '0': {} },
  });
}

// ---- guilds, channels, DMs ----

function requireGuild(ctx: RestContext) {
  const guild = ctx.state.guilds.find((candidate) => candidate.id === param(ctx, 'guild'));
  if (!guild) throw Errors.unknownGuild();
  return guild;
}

function getGuild(ctx: RestContext): RestAnswer {
  return ok(guildCreatePayload(requireGuild(ctx), ctx.state));
}

function getGuildChannels(ctx: RestContext): RestAnswer {
  const guild = requireGuild(ctx);
  return ok(ctx.state.guildChannels(guild.id).map((channel) => channelPayload(channel, ctx.state)));
}

function getChannel(ctx: RestContext): RestAnswer {
  const channel = ctx.state.channel(param(ctx, 'channel'));
  if (!channel) throw Errors.unknownChannel();
  return ok(channelPayload(channel, ctx.state));
}

/** `GET /users/{id}`: a user the emulator has shown to the bot (test users, message authors). */
function getUser(ctx: RestContext): RestAnswer {
  const user = ctx.state.user(param(ctx, 'user'));
  if (!user) throw Errors.unknownUser();
  return ok(user);
}

/** `POST /users/@me/channels { recipient_id }`: opens (or returns) the DM with a user. */
function createDm(ctx: RestContext): RestAnswer {
  const recipient = isRecord(ctx.body) ? ctx.body.recipient_id : undefined;
  if (typeof recipient !== 'string') {
    throw invalidFormBody([
      { path: ['recipient_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
    ]);
  }
  const user =
    ctx.state.user(recipient) ?? userPayload({ id: recipient, username: `user${recipient.slice(-4)}` });
  const channel = ctx.state.dmChannelFor(user);
  return ok(channelPayload(channel, ctx.state));
}

// ---- application commands ----

function requireApplication(ctx: RestContext): void {
  if (param(ctx, 'app') !== ctx.state.applicationId) throw Errors.unknownApplication();
}

function commandScope(ctx: RestContext): string | null {
  requireApplication(ctx);
  return ctx.params.guild === undefined ? null : requireGuild(ctx).id;
}

/** A stored command from a request body; keeps the id of an existing command with the same name and type. */
function toStoredCommand(
  ctx: RestContext,
  input: Record<string, unknown>,
  guildId: string | null,
): APIApplicationCommand {
  const type = typeof input.type === 'number' ? input.type : 1;
  const existing = ctx.state
    .commands(guildId)
    .find((command) => command.name === input.name && command.type === type);
  const stored = {
    default_member_permissions: null,
    nsfw: false,
    description_localizations: null,
    name_localizations: null,
    integration_types: [0],
    contexts: null,
    ...input,
    description: typeof input.description === 'string' ? input.description : '',
    type,
    id: existing?.id ?? ctx.state.nextId(),
    application_id: ctx.state.applicationId,
    version: ctx.state.nextId(),
    ...(guildId === null ? {} : { guild_id: guildId }),
  };
  // The body passed validateCommand, so it has the shape Discord stores.
  return stored as APIApplicationCommand;
}

function putCommands(ctx: RestContext): RestAnswer {
  const guildId = commandScope(ctx);
  const issues = validateCommandList(ctx.body);
  if (issues.length > 0 || !Array.isArray(ctx.body)) throw invalidFormBody(issues);
  const commands = ctx.body.filter(isRecord).map((input) => toStoredCommand(ctx, input, guildId));
  ctx.state.setCommands(guildId, commands);
  return ok(commands);
}

function getCommands(ctx: RestContext): RestAnswer {
  return ok(ctx.state.commands(commandScope(ctx)));
}

/** `POST .../commands`: creates or replaces one command; 201 when new, 200 when it existed. */
function postCommand(ctx: RestContext): RestAnswer {
  const guildId = commandScope(ctx);
  const issues = validateCommand(ctx.body, []);
  if (issues.length > 0 || !isRecord(ctx.body)) throw invalidFormBody(issues);
  const command = toStoredCommand(ctx, ctx.body, guildId);
  const others = ctx.state.commands(guildId).filter((existing) => existing.id !== command.id);
  const isNew = others.length === ctx.state.commands(guildId).length;
  ctx.state.setCommands(guildId, [...others, command]);
  return { status: isNew ? 201 : 200, body: command };
}

function deleteCommand(ctx: RestContext): RestAnswer {
  const guildId = commandScope(ctx);
  const commands = ctx.state.commands(guildId);
  const remaining = commands.filter((command) => command.id !== param(ctx, 'command'));
  if (remaining.length === commands.length) throw new ApiError(404, 10063, 'Unknown application command');
  ctx.state.setCommands(guildId, remaining);
  return noContent();
}

const baseRoutes: Route[] = [
  { method: 'GET', pattern: '/gateway/bot', auth: true, handler: getGatewayBot },
  { method: 'GET', pattern: '/gateway', auth: false, handler: (ctx) => ok({ url: ctx.settings.gatewayUrl }) },
  { method: 'GET', pattern: '/users/@me', auth: true, handler: getMe },
  { method: 'POST', pattern: '/users/@me/channels', auth: true, handler: createDm },
  { method: 'GET', pattern: '/users/:user', auth: true, handler: getUser },
  { method: 'GET', pattern: '/applications/@me', auth: true, handler: getApplication },
  { method: 'GET', pattern: '/oauth2/applications/@me', auth: true, handler: getApplication },
  { method: 'GET', pattern: '/guilds/:guild', auth: true, handler: getGuild },
  { method: 'GET', pattern: '/guilds/:guild/channels', auth: true, handler: getGuildChannels },
  { method: 'GET', pattern: '/channels/:channel', auth: true, handler: getChannel },
  { method: 'PUT', pattern: '/applications/:app/commands', auth: true, handler: putCommands },
  { method: 'GET', pattern: '/applications/:app/commands', auth: true, handler: getCommands },
  { method: 'POST', pattern: '/applications/:app/commands', auth: true, handler: postCommand },
  { method: 'DELETE', pattern: '/applications/:app/commands/:command', auth: true, handler: deleteCommand },
  { method: 'PUT', pattern: '/applications/:app/guilds/:guild/commands', auth: true, handler: putCommands },
  { method: 'GET', pattern: '/applications/:app/guilds/:guild/commands', auth: true, handler: getCommands },
  { method: 'POST', pattern: '/applications/:app/guilds/:guild/commands', auth: true, handler: postCommand },
  {
    method: 'DELETE',
    pattern: '/applications/:app/guilds/:guild/commands/:command',
    auth: true,
    handler: deleteCommand,
  },
];

/** Every route, in match order (literal segments are listed before parameters that would shadow them). */
export const routes: Route[] = [...baseRoutes, ...messageRoutes, ...interactionRoutes];
