/**
 * Follow-up work after the inline answer, against the Discord API emulator: the test plays Discord,
 * POSTing the emulator's interaction to the endpoint (signed) and relaying the endpoint's answer to
 * the emulator's callback route, as Discord turns an HTTP answer into the interaction's message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '../../src/http/server.ts';
import { TEXT } from '../../src/replies/strings.ts';
import {
  DEFAULT_TEST_USER,
  type DiscordEmulator,
  MODERATOR_PERMISSIONS,
  type SentInteraction,
  startEmulator,
} from '../emulator/index.ts';
import { HTTP_BOT_TOKEN } from '../support/secrets.ts';
import { captureLogs, engines, eventually, httpConfig, signed } from './helpers.ts';

const BOT_TOKEN = HTTP_BOT_TOKEN;
/** Unlike the default, the application id differs from the bot user id, to prove which one is used where. */
const APPLICATION_ID = '100000000000000777';

let emu: DiscordEmulator | undefined;
let server: RunningHttpServer | undefined;

afterEach(async () => {
  await server?.stop();
  await emu?.close();
  server = undefined;
  emu = undefined;
});

async function setUp() {
  const logs = captureLogs([BOT_TOKEN]);
  const e = await startEmulator({ applicationId: APPLICATION_ID });
  const s = await startHttpServer({
    config: httpConfig({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_BASE: e.apiBase,
    }),
    engines: engines(),
    logger: logs.logger,
    port: 0,
    host: '127.0.0.1',
  });
  emu = e;
  server = s;
  const channelId = e.guilds[0]?.channels[0]?.id ?? '';
  return { emu: e, server: s, logs, channelId };
}

/** Delivers an interaction as Discord would: signed POST, then the answer becomes the interaction's callback. */
async function deliver(e: DiscordEmulator, s: RunningHttpServer, ix: SentInteraction): Promise<unknown> {
  const { body, headers } = signed(ix.payload);
  const res = await fetch(`${s.url}/interactions`, { method: 'POST', headers, body });
  expect(res.status).toBe(200);
  const answer: unknown = await res.json();
  const callback = await fetch(`${e.apiBase}/v10/interactions/${ix.id}/${ix.token}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(answer),
  });
  expect(callback.status).toBe(204);
  return answer;
}

/** Holds the bot's first REST call of a kind briefly, so the relayed callback lands first (as on Discord). */
function holdFirst(e: DiscordEmulator, method: string, pathMatches: RegExp): void {
  e.failNext({ method, pathMatches, delayMs: 150 });
}

function editsOfOriginal(e: DiscordEmulator, ix: SentInteraction) {
  return e.requests.filter(
    (r) => r.method === 'PATCH' && r.path === `/webhooks/${APPLICATION_ID}/${ix.token}/messages/@original`,
  );
}

describe('/summary with a bot token', () => {
  it('GIVEN a moderator runs /summary twice THEN the summary is pinned once, then edited, and each deferred answer says so', async () => {
    const { emu: e, server: s, logs, channelId } = await setUp();

    const first = e.sendSlashCommand({
      name: 'summary',
      memberPermissions: MODERATOR_PERMISSIONS,
      deliver: 'http',
    });
    holdFirst(e, 'GET', /^\/users\/@me$/);
    expect(await deliver(e, s, first)).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await e.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(first.token));
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ content: TEXT.summaryPinned, allowed_mentions: { parse: [] } });
    const pins = e.pins(channelId);
    expect(pins).toHaveLength(1);
    expect(pins[0]?.embeds[0]?.author?.name).toBe('Pinned results summary');
    expect(pins[0]?.author.id).toBe(e.botUser.id);

    const second = e.sendSlashCommand({
      name: 'summary',
      memberPermissions: MODERATOR_PERMISSIONS,
      deliver: 'http',
    });
    holdFirst(e, 'GET', /\/messages\/pins$/);
    await deliver(e, s, second);
    const edit2 = await e.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(second.token));
    expect(edit2.body).toMatchObject({ content: TEXT.summaryUpdated });
    // Found by the bot user's id (from GET /users/@me), which here differs from the application id.
    expect(e.pins(channelId)).toHaveLength(1);
    expect(e.requests.filter((r) => r.path === '/users/@me')).toHaveLength(1);

    const original = e.messages(channelId).find((m) => m.interaction_metadata?.id === second.id);
    expect(original?.content).toBe(TEXT.summaryUpdated);
    expect((original?.flags ?? 0) & 64).toBe(64);
    expect(editsOfOriginal(e, second)).toHaveLength(1);

    await eventually(() => logs.lines.filter((l) => l.event === 'summary').length === 2);
    expect(logs.text()).not.toContain(first.token);
    expect(logs.text()).not.toContain(BOT_TOKEN);
  });

  it('GIVEN Discord keeps failing (5xx) while pinning THEN the deferred answer says Discord is having trouble and the error is logged', async () => {
    const { emu: e, server: s, logs } = await setUp();
    const ix = e.sendSlashCommand({
      name: 'summary',
      memberPermissions: MODERATOR_PERMISSIONS,
      deliver: 'http',
    });
    holdFirst(e, 'GET', /^\/users\/@me$/);
    e.failNext({ method: 'GET', pathMatches: /\/messages\/pins$/, status: 500, times: 4 });
    await deliver(e, s, ix);
    const edit = await e.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ix.token), 5000);
    expect(edit.body).toMatchObject({ content: TEXT.discordTrouble });
    await eventually(() => logs.lines.some((l) => l.event === 'summary-failed'));
    expect(logs.text()).not.toContain(ix.token);
  });
});

describe('when GET /users/@me fails', () => {
  it('GIVEN the bot user cannot be fetched THEN /summary still pins, with the application id standing in', async () => {
    const { emu: e, server: s, logs, channelId } = await setUp();
    const ix = e.sendSlashCommand({
      name: 'summary',
      memberPermissions: MODERATOR_PERMISSIONS,
      deliver: 'http',
    });
    e.failNext({ method: 'GET', pathMatches: /^\/users\/@me$/, status: 502, times: 4, delayMs: 40 });
    await deliver(e, s, ix);
    const edit = await e.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ix.token));
    expect(edit.body).toMatchObject({ content: TEXT.summaryPinned });
    expect(e.pins(channelId)).toHaveLength(1);
    expect(logs.lines.some((l) => l.event === 'bot-user-unknown')).toBe(true);
  });
});

describe('when editing the deferred answer fails', () => {
  it('GIVEN Discord refuses the edit of @original THEN the failure is logged without the interaction token', async () => {
    const { emu: e, server: s, logs } = await setUp();
    const ix = e.sendSlashCommand({
      name: 'summary',
      memberPermissions: MODERATOR_PERMISSIONS,
      deliver: 'http',
    });
    holdFirst(e, 'GET', /^\/users\/@me$/);
    e.failNext({
      method: 'PATCH',
      pathMatches: /^\/webhooks\//,
      status: 404,
      body: { code: 10015, message: 'Unknown Webhook' },
    });
    await deliver(e, s, ix);
    await eventually(() => logs.lines.some((l) => l.event === 'edit-failed'));
    expect(logs.text()).toContain('/webhooks/');
    expect(logs.text()).not.toContain(ix.token);
    expect(logs.text()).not.toContain(BOT_TOKEN);
  });
});

describe('buttons with follow-up work, with a bot token', () => {
  it('GIVEN the asker clicks Delete THEN Deleted. at once, and the answer is deleted through REST', async () => {
    const { emu: e, server: s, channelId } = await setUp();
    const ix = e.sendButton({ customId: `v1:del:${DEFAULT_TEST_USER.id}`, deliver: 'http' });
    const messageId = ix.payload.message?.id ?? '';
    expect(e.messages(channelId).map((m) => m.id)).toContain(messageId);
    holdFirst(e, 'DELETE', /^\/channels\//);
    expect(await deliver(e, s, ix)).toMatchObject({ type: 4, data: { content: TEXT.deleted, flags: 64 } });
    // Stopping waits for the follow-up work.
    await s.stop();
    server = undefined;
    expect(e.messages(channelId).map((m) => m.id)).not.toContain(messageId);
    expect(editsOfOriginal(e, ix)).toEqual([]);
  });

  it('GIVEN a Helpful click THEN one feedback log line and no REST call', async () => {
    const { emu: e, server: s, logs } = await setUp();
    const ix = e.sendButton({ customId: 'v1:fb:up:margin', deliver: 'http' });
    const answer = await deliver(e, s, ix);
    expect(answer).toMatchObject({ type: 4, data: { content: TEXT.feedbackThanks, flags: 64 } });
    await eventually(() => logs.lines.some((l) => l.event === 'feedback'));
    expect(logs.lines.filter((l) => l.event === 'feedback')).toEqual([
      expect.objectContaining({ factId: 'margin', helpful: true, userId: DEFAULT_TEST_USER.id }),
    ]);
    expect(e.requests.filter((r) => r.path !== `/interactions/${ix.id}/${ix.token}/callback`)).toEqual([]);
  });
});
