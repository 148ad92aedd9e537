import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApplicationCommandOptionType,
  ChannelType,
  Client,
  type ClientEvents,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  Partials,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEST_USER, type DiscordEmulator, type EmulatorOptions, startEmulator } from './index.ts';

const TOKEN = 'fake-token';

let emu: DiscordEmulator | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await emu?.close();
  client = undefined;
  emu = undefined;
});

/** A real discord.js Client pointed at the emulator, with test-friendly REST and identify settings. */
function makeClient(target: DiscordEmulator, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Channel],
    rest: { api: target.apiBase, timeout: 2000, retries: 0 },
    allowedMentions: { parse: [] },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    ...overrides,
  });
}

/** Starts an emulator and a logged-in, ready client. */
async function boot(options: EmulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}) {
  const started = await startEmulator({ heartbeatIntervalMs: 200, ...options });
  emu = started;
  const bot = makeClient(started, clientOptions);
  client = bot;
  const ready = new Promise<void>((resolve) => bot.once(Events.ClientReady, () => resolve()));
  await bot.login(TOKEN);
  await ready;
  const guild = started.guilds[0];
  const channelId = guild?.channels[0]?.id;
  if (!guild || !channelId) throw new Error('default guild missing');
  return { emu: started, client: bot, guildId: guild.id, channelId };
}

/**
 * Runs `handler` on the next `event` and resolves with its result (or rejects with its error); rejects
 * if the event does not come within `timeoutMs`, so a broken emulator fails fast.
 */
function onNext<K extends keyof ClientEvents, R>(
  bot: Client,
  event: K,
  handler: (...args: ClientEvents[K]) => Promise<R>,
  timeoutMs = 3000,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    bot.once(event, (...args: ClientEvents[K]) => {
      clearTimeout(timer);
      handler(...args).then(resolve, reject);
    });
  });
}

/** The first error `promise` rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

function textChannel(bot: Client, id: string): TextChannel {
  const channel = bot.channels.cache.get(id);
  if (!channel || channel.type !== ChannelType.GuildText) throw new Error(`channel ${id} not cached as text`);
  return channel;
}

describe('Discord emulator with the real discord.js Client', () => {
  describe('login and gateway', () => {
    it('GIVEN a fake token WHEN the client logs in THEN it identifies and caches the guild and channels', async () => {
      const { emu, client, guildId } = await boot();
      expect(client.user?.id).toBe(emu.botUser.id);
      expect(client.guilds.cache.get(guildId)?.channels.cache.size).toBe(2);
      const gatewayBot = emu.requests.find((r) => r.path === '/gateway/bot');
      expect(gatewayBot?.headers.authorization).toBe(`Bot ${TOKEN}`);
      const identify = emu.gatewayLog.find((frame) => frame.op === 2);
      expect(identify?.d).toMatchObject({ token: TOKEN, shard: [0, 1] });
    });

    it('GIVEN a short heartbeat interval THEN heartbeats are acknowledged and the client measures latency', async () => {
      const { emu, client } = await boot();
      await emu.waitForGatewayFrame((frame) => frame.op === 1, 1000);
      const deadline = Date.now() + 1000;
      while (client.ws.ping < 0 && Date.now() < deadline) await sleep(20);
      expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    });

    it('GIVEN a rejected token WHEN logging in THEN login rejects with TokenInvalid after a 401', async () => {
      emu = await startEmulator({ rejectToken: 'bad-token' });
      client = makeClient(emu);
      await expect(client.login('bad-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
      expect(emu.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(401);
      expect(emu.gatewayLog).toHaveLength(0);
    });

    it('GIVEN privileged intents are not enabled THEN the gateway closes 4014 and login rejects', async () => {
      emu = await startEmulator({ privilegedIntentsEnabled: false });
      client = makeClient(emu);
      await expect(client.login(TOKEN)).rejects.toThrow('Used disallowed intents');
    });

    it('GIVEN close code 4000 THEN the client resumes and gets the interaction sent while it was away', async () => {
      const { emu, client } = await boot();
      const { sessionId } = await emu.waitForReady();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
        await interaction.reply({ content: 'still here' });
        return interaction.commandName;
      });
      emu.closeGateway(4000);
      const ix = emu.sendSlashCommand({ name: 'missed' });
      const resume = await emu.waitForGatewayFrame((frame) => frame.op === 6, 3000);
      expect(resume.d).toMatchObject({ token: TOKEN, session_id: sessionId });
      expect(await handled).toBe('missed');
      expect((await emu.waitForInteractionResponse(ix.id)).data?.content).toBe('still here');
      expect(emu.gatewayLog.filter((frame) => frame.op === 2)).toHaveLength(1);
    });

    it('GIVEN op 7 Reconnect THEN the client reconnects and resumes instead of identifying', async () => {
      const { emu, client } = await boot();
      emu.sendReconnect();
      const resume = await emu.waitForGatewayFrame((frame) => frame.op === 6, 3000);
      expect(resume.connectionId).toBeGreaterThan(1);
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => interaction.id);
      const ix = emu.sendSlashCommand({ name: 'after-reconnect' });
      expect(await handled).toBe(ix.id);
      expect(emu.gatewayLog.filter((frame) => frame.op === 2)).toHaveLength(1);
    });

    it('GIVEN the socket is cut (1006) THEN the client resumes the same session', async () => {
      const { emu } = await boot();
      const { sessionId } = await emu.waitForReady();
      emu.closeGateway(1006);
      const resume = await emu.waitForGatewayFrame((frame) => frame.op === 6, 3000);
      expect(resume.d).toMatchObject({ session_id: sessionId });
      expect(emu.gatewayLog.filter((frame) => frame.op === 2)).toHaveLength(1);
    });

    it('GIVEN op 9 not resumable THEN the client identifies again and keeps working', async () => {
      const { emu, client } = await boot();
      emu.clearRecords();
      emu.sendInvalidSession(false);
      const ready = await emu.waitForReady(3000);
      expect(ready.connectionId).toBeGreaterThan(1);
      expect(emu.gatewayLog.filter((frame) => frame.op === 2)).toHaveLength(1);
      expect(emu.gatewayLog.some((frame) => frame.op === 6)).toBe(false);
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => interaction.id);
      const ix = emu.sendSlashCommand({ name: 'after-invalid-session' });
      expect(await handled).toBe(ix.id);
    });
  });

  describe('interactions', () => {
    it('GIVEN a slash command WHEN the bot replies THEN the callback carries the content and is stored', async () => {
      const { emu, client, channelId, guildId } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
        const question = interaction.options.getString('question', true);
        await interaction.reply({ content: `You asked: ${question}` });
        return { question, guildId: interaction.guildId, channelId: interaction.channelId };
      });
      const ix = emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'Who won?' }] });
      expect(await handled).toEqual({ question: 'Who won?', guildId, channelId });
      const response = await emu.waitForInteractionResponse(ix.id);
      expect(response).toMatchObject({ type: 4, status: 204, data: { content: 'You asked: Who won?' } });
      expect(response.data?.allowed_mentions).toEqual({ parse: [] });
      expect(response.request.headers.authorization).toBeUndefined();
      expect(emu.messages(channelId).map((m) => m.content)).toEqual(['You asked: Who won?']);
    });

    it('GIVEN deferReply THEN editReply fills the placeholder and followUp posts a new message', async () => {
      const { emu, client, channelId } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
        await interaction.deferReply();
        const edited = await interaction.editReply('Found it');
        const extra = await interaction.followUp({ content: 'One more thing' });
        return { edited: edited.content, extra: extra.content };
      });
      const ix = emu.sendSlashCommand({ name: 'ask' });
      expect(await handled).toEqual({ edited: 'Found it', extra: 'One more thing' });
      expect((await emu.waitForInteractionResponse(ix.id)).type).toBe(5);
      const edit = await emu.waitForRequest(
        (r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'),
      );
      expect(edit.status).toBe(200);
      const stored = emu.messages(channelId);
      expect(stored.map((m) => m.content)).toEqual(['Found it', 'One more thing']);
      expect((stored[0]?.flags ?? 0) & 128).toBe(0);
    });

    it('GIVEN autocomplete THEN respond sends choices and more than 25 are refused with 50035', async () => {
      const { emu, client } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
        const typed = interaction.options.getFocused();
        const tooMany = Array.from({ length: 26 }, (_, i) => ({ name: `${typed} ${i}`, value: `v${i}` }));
        const error = await rejection(interaction.respond(tooMany));
        await interaction.respond([{ name: `${typed} runoff`, value: 'runoff' }]);
        return error;
      });
      const ix = emu.sendAutocomplete({
        name: 'ask',
        options: [{ name: 'question', value: 'who', focused: true }],
      });
      const error = await handled;
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({
        code: 50035,
        rawError: { errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
      });
      const response = await emu.waitForInteractionResponse(ix.id);
      expect(response.status).toBe(400);
      const accepted = await emu.waitForRequest((r) => r.path.includes(ix.id) && r.status === 204);
      expect(accepted.body).toEqual({
        type: 8,
        data: { choices: [{ name: 'who runoff', value: 'runoff' }] },
      });
    });

    it('GIVEN a button click WHEN the bot calls update THEN the message the button is on changes', async () => {
      const { emu, client, channelId } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isButton()) throw new Error('expected a button');
        const before = interaction.message.content;
        await interaction.update({ content: 'Page 2', components: [] });
        return { customId: interaction.customId, before };
      });
      const ix = emu.sendButton({ customId: 'page:2', message: { content: 'Page 1' } });
      expect(await handled).toEqual({ customId: 'page:2', before: 'Page 1' });
      expect((await emu.waitForInteractionResponse(ix.id)).type).toBe(7);
      const message = emu.messages(channelId).find((m) => m.id === ix.payload.message?.id);
      expect(message).toMatchObject({ content: 'Page 2', components: [] });
    });

    it('GIVEN a message context menu THEN the bot sees the target message and can reply', async () => {
      const { emu, client } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context menu');
        await interaction.reply({ content: `About: ${interaction.targetMessage.content}` });
        return interaction.targetMessage.author.id;
      });
      const ix = emu.sendMessageContextMenu({
        name: 'Ask about this',
        targetMessage: {
          id: '400000000000000001',
          content: 'Who won the runoff?',
          author: { id: '200000000000000002', username: 'someone' },
        },
      });
      expect(await handled).toBe('200000000000000002');
      expect((await emu.waitForInteractionResponse(ix.id)).data?.content).toBe('About: Who won the runoff?');
    });

    it('GIVEN a second callback for one interaction THEN Discord refuses it with 40060', async () => {
      const { emu, client } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
        await interaction.reply({ content: 'first' });
        // discord.js refuses a second reply itself, so go around it with a raw callback.
        const second = client?.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        });
        return rejection(second ?? Promise.resolve());
      });
      emu.sendSlashCommand({ name: 'ask' });
      expect(await handled).toMatchObject({ code: 40060, status: 400 });
    });

    it('GIVEN an answer after the acknowledgement deadline THEN the callback fails with 10062', async () => {
      const { emu, client } = await boot({ ackDeadlineMs: 100 });
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
        await sleep(150);
        return rejection(interaction.reply({ content: 'too late' }));
      });
      emu.sendSlashCommand({ name: 'slow' });
      expect(await handled).toMatchObject({ code: 10062, status: 404 });
    });
  });

  describe('messages', () => {
    it('GIVEN a guild message THEN messageCreate fires and message.reply lands with a reference', async () => {
      const { emu, client, channelId, guildId } = await boot();
      const handled = onNext(client, Events.MessageCreate, async (message) => {
        const reply = await message.reply('The answer');
        return { guildId: message.guildId, content: message.content, replyTo: reply.reference?.messageId };
      });
      const sent = emu.sendMessage({ content: 'who won?', guildId, channelId });
      expect(await handled).toEqual({ guildId, content: 'who won?', replyTo: sent.id });
      const post = await emu.waitForRequest(
        (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
      );
      expect(post.body).toMatchObject({ content: 'The answer', message_reference: { message_id: sent.id } });
      expect(post.createsMessage).toBe(true);
      expect(post.allowedMentions).toMatchObject({ parse: [] });
      expect(emu.messages(channelId)).toMatchObject([{ content: 'The answer', type: 19 }]);
    });

    it('GIVEN a DM THEN messageCreate fires for a partial DM channel and the reply lands in the DM', async () => {
      const { emu, client } = await boot();
      const handled = onNext(client, Events.MessageCreate, async (message) => {
        await message.reply('DM answer');
        return { type: message.channel.type, guildId: message.guildId };
      });
      const sent = emu.sendMessage({ content: 'hello' });
      expect(await handled).toEqual({ type: ChannelType.DM, guildId: null });
      await emu.waitForRequest(
        (r) => r.method === 'POST' && r.path === `/channels/${sent.channel_id}/messages`,
      );
      expect(emu.messages(sent.channel_id).map((m) => m.content)).toEqual(['DM answer']);
    });

    it('GIVEN content over 2000 characters THEN the send is refused with 50035 and nothing is stored', async () => {
      const { emu, client, channelId } = await boot();
      const error = await rejection(textChannel(client, channelId).send('x'.repeat(2001)));
      expect(error).toMatchObject({
        code: 50035,
        rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
      });
      expect(emu.messages(channelId)).toHaveLength(0);
    });

    it('GIVEN the bot sends a message THEN it receives its own MESSAGE_CREATE, as on Discord', async () => {
      const { client, channelId } = await boot();
      const echoed = onNext(client, Events.MessageCreate, async (message) => ({
        id: message.id,
        bot: message.author.bot,
      }));
      const sent = await textChannel(client, channelId).send('hello');
      expect(await echoed).toEqual({ id: sent.id, bot: true });
    });

    it('GIVEN no MESSAGE_CONTENT intent THEN guild messages arrive empty unless they mention the bot', async () => {
      const { emu, client, guildId } = await boot(
        {},
        {
          intents: [
            GatewayIntentBits.Guilds,
            GatewayIntentBits.GuildMessages,
            GatewayIntentBits.DirectMessages,
          ],
        },
      );
      const plain = onNext(client, Events.MessageCreate, async (message) => message.content);
      emu.sendMessage({ content: 'who won?', guildId });
      expect(await plain).toBe('');
      const mention = onNext(client, Events.MessageCreate, async (message) => message.content);
      emu.sendMessage({ content: `<@${emu.botUser.id}> who won?`, guildId, mentions: [emu.botUser] });
      expect(await mention).toBe(`<@${emu.botUser.id}> who won?`);
    });

    it('GIVEN a file THEN the multipart payload_json is parsed and the file listed', async () => {
      const { emu, client, channelId } = await boot();
      const sent = await textChannel(client, channelId).send({
        content: 'with a file',
        files: [{ attachment: Buffer.from('hello'), name: 'notes.txt' }],
      });
      expect(sent.attachments.first()?.name).toBe('notes.txt');
      const post = await emu.waitForRequest(
        (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
      );
      expect(post.body).toMatchObject({ content: 'with a file' });
      expect(post.files).toMatchObject([{ filename: 'notes.txt', size: 5 }]);
    });
  });

  describe('pins and permissions', () => {
    it('GIVEN pins up to the limit THEN fetchPins lists them and one more is refused with 30003', async () => {
      const { emu, client, channelId } = await boot({ pinLimit: 2 });
      const channel = textChannel(client, channelId);
      const [a, b, c] = [await channel.send('a'), await channel.send('b'), await channel.send('c')];
      await a.pin();
      await b.pin();
      const error = await rejection(c.pin());
      expect(error).toMatchObject({ code: 30003, status: 400 });
      expect(emu.pins(channelId).map((m) => m.id)).toEqual([b.id, a.id]);
      const { items } = await channel.messages.fetchPins();
      expect(items.map((item) => item.message.id)).toEqual([b.id, a.id]);
      expect(
        emu.requests.some(
          (r) => r.method === 'PUT' && r.path === `/channels/${channelId}/messages/pins/${a.id}`,
        ),
      ).toBe(true);
    });

    it('GIVEN the bot lacks Manage Messages THEN pin is refused with 50013 and the cache agrees', async () => {
      const { emu, client, channelId } = await boot();
      const channel = textChannel(client, channelId);
      const message = await channel.send('pin me');
      emu.setBotPermissions(channelId, { manageMessages: false });
      expect(await rejection(message.pin())).toMatchObject({ code: 50013, status: 403 });
      expect(channel.permissionsFor(client.user?.id ?? '')?.has('ManageMessages')).toBe(false);
      expect(emu.pins(channelId)).toHaveLength(0);
    });
  });

  describe('more message routes', () => {
    it('GIVEN a sent message THEN it can be fetched, edited and deleted; unknown ids give 10008', async () => {
      const { emu, client, channelId } = await boot();
      const channel = textChannel(client, channelId);
      const sent = await channel.send('draft');
      const fetched = await channel.messages.fetch({ message: sent.id, force: true });
      expect(fetched.content).toBe('draft');
      const edited = await sent.edit('final');
      expect(edited.editedTimestamp).not.toBeNull();
      expect(emu.messages(channelId).map((m) => m.content)).toEqual(['final']);
      await sent.delete();
      expect(emu.messages(channelId)).toHaveLength(0);
      expect(await rejection(channel.messages.fetch({ message: sent.id, force: true }))).toMatchObject({
        code: 10008,
      });
    });

    it('GIVEN a user message THEN the bot may not edit it (50005)', async () => {
      const { emu, client, channelId, guildId } = await boot();
      const theirs = emu.sendMessage({ content: 'mine', guildId, channelId });
      const error = await rejection(textChannel(client, channelId).messages.edit(theirs.id, 'changed'));
      expect(error).toMatchObject({ code: 50005, status: 403 });
    });

    it('GIVEN users.fetch and user.send THEN the user is found, the DM opened and the message lands there', async () => {
      const { emu, client } = await boot();
      const user = await client.users.fetch(DEFAULT_TEST_USER.id, { force: true });
      expect(user.username).toBe(DEFAULT_TEST_USER.username);
      const sent = await user.send('hello there');
      const dm = sent.channel;
      expect(emu.requests.some((r) => r.method === 'POST' && r.path === '/users/@me/channels')).toBe(true);
      expect(emu.messages(dm.id).map((m) => m.content)).toEqual(['hello there']);
    });

    it('GIVEN a deferred reply THEN the first followUp replaces the placeholder, as on Discord', async () => {
      const { emu, client, channelId } = await boot();
      const handled = onNext(client, Events.InteractionCreate, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
        await interaction.deferReply();
        const first = await interaction.followUp('first');
        const second = await interaction.followUp('second');
        return [first.id, second.id];
      });
      emu.sendSlashCommand({ name: 'ask' });
      const [first, second] = await handled;
      const stored = emu.messages(channelId);
      expect(stored.map((m) => m.content)).toEqual(['first', 'second']);
      expect(stored.map((m) => m.id)).toEqual([first, second]);
    });
  });

  describe('REST faults and commands', () => {
    it('GIVEN a 429 with retry_after 0.2 THEN discord.js waits and the send succeeds', async () => {
      const { emu, client, channelId } = await boot();
      emu.failNext({
        method: 'POST',
        pathMatches: `/channels/${channelId}/messages`,
        status: 429,
        retryAfter: 0.2,
      });
      const started = Date.now();
      const sent = await textChannel(client, channelId).send('after the limit');
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      const posts = emu.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
      );
      expect(posts.map((r) => r.status)).toEqual([429, 200]);
      expect(posts[0]?.response).toMatchObject({ retry_after: 0.2, global: false });
      expect(posts[0]?.responseHeaders).toMatchObject({ 'Retry-After': '0.2', 'X-RateLimit-Scope': 'user' });
      expect(posts[0]?.responseHeaders).not.toHaveProperty('X-RateLimit-Global');
      expect(emu.messages(channelId).map((m) => m.id)).toEqual([sent.id]);
    });

    it('GIVEN a 503 or a slow answer THEN the error surfaces and the delay is observed', async () => {
      const { emu, client, channelId } = await boot();
      const channel = textChannel(client, channelId);
      emu.failNext({ pathMatches: /\/messages$/, status: 503 });
      const error = await rejection(channel.send('fails'));
      expect(error).toBeInstanceOf(HTTPError);
      expect(error).toMatchObject({ status: 503 });
      emu.failNext({ pathMatches: /\/messages$/, delayMs: 150 });
      const started = Date.now();
      await channel.send('slow but fine');
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    });

    it('GIVEN an unknown route THEN it answers 404 and records it', async () => {
      const { emu, client } = await boot();
      expect(await rejection(client.rest.get('/no/such/route'))).toMatchObject({ status: 404, code: 0 });
      expect(emu.requests.find((r) => r.path === '/no/such/route')?.status).toBe(404);
    });

    it('GIVEN commands registered in bulk THEN they get ids, bad names are refused, interactions use the ids', async () => {
      const { emu, client } = await boot();
      const application = client.application;
      if (!application) throw new Error('no application');
      const registered = await application.commands.set([
        {
          name: 'ask',
          description: 'Ask a question',
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'question',
              description: 'What?',
              required: true,
            },
          ],
        },
      ]);
      const ask = registered.first();
      expect(ask?.name).toBe('ask');
      const error = await rejection(application.commands.set([{ name: 'Ask', description: 'Upper case' }]));
      expect(error).toMatchObject({
        code: 50035,
        rawError: { errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } },
      });
      const handled = onNext(client, Events.InteractionCreate, async (interaction) =>
        interaction.isChatInputCommand() ? interaction.commandId : null,
      );
      emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'x' }] });
      expect(await handled).toBe(ask?.id);
    });
  });
});
