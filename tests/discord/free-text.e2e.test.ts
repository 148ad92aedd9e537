/**
 * Questions typed in chat, end to end through the real discord.js Client: mentions, DMs, a Q&A
 * channel (answers only when confident), the repeat cooldown, the "did you mean" buttons,
 * helpful / not helpful, delete, mentions that must not ping, long questions, and failures.
 */
import { type APIMessage, GatewayIntentBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT } from '../../src/replies/strings.ts';
import { DEFAULT_TEST_USER, MODERATOR_PERMISSIONS, MODERATOR_USER } from '../emulator/index.ts';
import {
  GENERAL,
  type Harness,
  messageRequests,
  QUESTIONS,
  startHarness,
  switchableEngines,
  testEngines,
} from './harness.ts';

let h: Harness;
const engines = switchableEngines(testEngines());
let bot = '';

beforeAll(async () => {
  h = await startHarness({ qaChannelIds: [QUESTIONS], engines });
  bot = h.emu.botUser.id;
});

afterAll(async () => {
  await h?.close();
});

const botMention = () => ({ id: bot, username: h.emu.botUser.username });
const classmate = { id: '200000000000000005', username: 'classmate' };

/** Mentions the bot in a channel and returns its reply. */
function askByMention(text: string, channelId = GENERAL) {
  return h.ask({ content: `<@${bot}> ${text}`, channelId, mentions: [botMention()] });
}

/** The custom ids of the buttons on a message. */
function buttonIds(message: APIMessage): string[] {
  return (
    JSON.stringify(message.components ?? [])
      .match(/"custom_id":"[^"]+"/g)
      ?.map((s) => s.slice('"custom_id":"'.length, -1)) ?? []
  );
}

/**
 * Asserts the bot said nothing to `messageId`: a later mention is answered first (messages are
 * handled in order), then no reply to the silent one exists.
 */
async function expectSilence(messageId: string): Promise<void> {
  await askByMention('what did bottoms promise?', GENERAL);
  expect(h.repliesTo(messageId)).toEqual([]);
}

describe('free text: the gateway connection', () => {
  it('GIVEN a Q&A channel THEN the bot asks for the Message Content intent', async () => {
    const identify = await h.emu.waitForGatewayFrame((f) => f.op === 2);
    const intents = Number((identify.d as { intents: number }).intents);
    expect(intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
  });
});

describe('free text: mentions and DMs', () => {
  it('GIVEN a mention asking who won THEN a reply card answers it, with feedback and delete buttons', async () => {
    const { request, reply } = await askByMention('who won?');
    expect(request.status).toBe(200);
    expect(reply.embeds[0]?.description).toContain('Keisha Lance Bottoms won the Dec. 5 runoff');
    expect(reply.embeds[0]?.fields?.[0]?.value).toContain('> Bottoms, a Democrat, received 50.41 percent');
    expect(buttonIds(reply)).toEqual([
      'v1:fb:up:winner',
      'v1:fb:down:winner',
      `v1:del:${DEFAULT_TEST_USER.id}`,
    ]);
    expect(request.allowedMentions).toEqual({ parse: [], replied_user: false });
  });

  it('GIVEN a DM THEN the bot answers in the DM', async () => {
    const { sent, request, reply } = await h.ask({ content: 'how close was the race?' });
    expect(request.path).toBe(`/channels/${sent.channel_id}/messages`);
    expect(sent.channel_id).not.toBe(GENERAL);
    expect(reply.embeds[0]?.description).toContain('759 votes');
    expect(reply.embeds[0]?.description).toContain('0.82 percentage points');
  });

  it('GIVEN a question in an ordinary channel without a mention THEN the bot stays out of it', async () => {
    const sent = h.emu.sendMessage({ content: 'who won?', channelId: GENERAL });
    await expectSilence(sent.id);
  });

  it('GIVEN @everyone and a role mention without mentioning the bot THEN it is not a question for the bot', async () => {
    const sent = h.emu.sendMessage({
      content: '@everyone <@&300000000000000099> who won?',
      channelId: GENERAL,
      mentionEveryone: true,
      mentionRoles: ['300000000000000099'],
    });
    await expectSilence(sent.id);
  });

  it('GIVEN a mention carrying @everyone and a role mention THEN the answer pings nobody', async () => {
    const { request, reply } = await h.ask({
      content: `@everyone <@&300000000000000099> <@${bot}> who won the election?`,
      channelId: GENERAL,
      mentions: [botMention()],
      mentionEveryone: true,
      mentionRoles: ['300000000000000099'],
    });
    expect(reply.embeds[0]?.description).toContain('Keisha Lance Bottoms won');
    expect(request.allowedMentions).toEqual({ parse: [], replied_user: false });
    // What the bot sent repeats none of the mentions it was given.
    expect(JSON.stringify(request.body)).not.toMatch(/@everyone|<@&|<@\d/);
  });

  it("GIVEN a 3,000-character question THEN a sensible reply within Discord's limits", async () => {
    const rambling = `${'My roommate keeps asking me about the mayoral race and I never know what to say. '.repeat(37)}How close was the vote?`;
    expect(rambling.length).toBeGreaterThan(3000);
    const { request, reply } = await askByMention(rambling);
    expect(request.status).toBe(200);
    expect(reply.content.length).toBeLessThanOrEqual(2000);
    // Either an answer card, or the "did you mean" offering the margin question.
    expect(JSON.stringify(reply)).toMatch(/759 votes|margin/i);
  });
});

describe('free text: the Q&A channel', () => {
  it('GIVEN a confident question THEN the bot answers without being mentioned', async () => {
    const { reply } = await h.ask({ content: 'what did norwood promise?', channelId: QUESTIONS });
    expect(reply.embeds[0]?.description).toContain('sustainability initiatives');
  });

  it('GIVEN chatter ("lol same") THEN it stays silent', async () => {
    const sent = h.emu.sendMessage({ content: 'lol same', channelId: QUESTIONS });
    await expectSilence(sent.id);
  });

  it('GIVEN an off-topic question THEN it stays silent', async () => {
    const sent = h.emu.sendMessage({
      content: 'what is the weather in paris tomorrow?',
      channelId: QUESTIONS,
    });
    await expectSilence(sent.id);
  });

  it('GIVEN the same answer within a minute THEN it is not posted twice; a direct ask points to it; later it is posted again', async () => {
    const first = await h.ask({ content: 'how many votes separated them', channelId: QUESTIONS });
    expect(first.reply.embeds[0]?.description).toContain('759 votes');

    const again = h.emu.sendMessage({ content: 'how close was the race?', channelId: QUESTIONS });
    await expectSilence(again.id);

    const direct = await askByMention('how close was it?', QUESTIONS);
    expect(direct.reply.embeds).toEqual([]);
    expect(direct.reply.content).toBe(
      `I answered that a moment ago: https://discord.com/channels/${h.emu.guilds[0]?.id}/${QUESTIONS}/${first.reply.id}`,
    );

    h.advanceClock(61_000);
    const later = await h.ask({ content: 'how close was the race?', channelId: QUESTIONS });
    expect(later.reply.embeds[0]?.description).toContain('759 votes');
  });
});

describe('free text: buttons on the replies', () => {
  it('GIVEN a question the bot cannot answer THEN "did you mean" buttons, and a click answers that question', async () => {
    const { reply } = await askByMention('when is the recount');
    expect(reply.content).toContain(TEXT.didYouMean);
    const suggestion = buttonIds(reply)[0] ?? '';
    expect(suggestion).toMatch(/^v1:ask:/);
    const factId = suggestion.slice('v1:ask:'.length);

    const ix = h.emu.sendButton({ customId: suggestion, channelId: GENERAL, message: { id: reply.id } });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(response.type).toBe(4);
    const expected = engines.current().answerFact(factId);
    expect(expected).toBeDefined();
    expect(response.data?.embeds?.[0]?.description).toBe(expected?.text);
  });

  it('GIVEN helpful and not helpful clicks THEN a private thanks, and each is logged with the fact, the user and the question', async () => {
    const { reply } = await askByMention('who is kasim reed?');
    const [up, down] = buttonIds(reply);
    expect(up).toMatch(/^v1:fb:up:/);
    const factId = (up ?? '').split(':')[3];

    const helpful = h.emu.sendButton({
      customId: up ?? '',
      message: { id: reply.id, referenced_message: { ...reply, content: `<@${bot}> who is kasim reed?` } },
    });
    const thanks = await h.emu.waitForInteractionResponse(helpful.id);
    expect(thanks.data).toMatchObject({ content: TEXT.feedbackThanks, flags: 64 });
    const line = await h.waitForLog((l) => l.event === 'feedback' && l.helpful === true);
    expect(line).toMatchObject({ factId, userId: DEFAULT_TEST_USER.id });
    expect(line.question).toContain('who is kasim reed?');

    const notHelpful = h.emu.sendButton({ customId: down ?? '', message: { id: reply.id }, user: classmate });
    await h.emu.waitForInteractionResponse(notHelpful.id);
    expect(await h.waitForLog((l) => l.event === 'feedback' && l.helpful === false)).toMatchObject({
      factId,
      userId: classmate.id,
    });
  });

  it('GIVEN delete clicked by someone else THEN refused; by the asker THEN the answer is deleted', async () => {
    const { reply } = await askByMention('who won?', GENERAL);
    const del = buttonIds(reply).find((id) => id.startsWith('v1:del:')) ?? '';

    const refused = h.emu.sendButton({ customId: del, message: { id: reply.id }, user: classmate });
    const refusal = await h.emu.waitForInteractionResponse(refused.id);
    expect(refusal.data).toMatchObject({ content: TEXT.deleteRefused, flags: 64 });
    expect(h.emu.messages(GENERAL).some((m) => m.id === reply.id)).toBe(true);

    const allowed = h.emu.sendButton({ customId: del, message: { id: reply.id } });
    const done = await h.emu.waitForInteractionResponse(allowed.id);
    expect(done.data).toMatchObject({ content: TEXT.deleted, flags: 64 });
    const deletion = await h.emu.waitForRequest(
      (r) => r.method === 'DELETE' && r.path === `/channels/${GENERAL}/messages/${reply.id}`,
    );
    expect(deletion.status).toBe(204);
    expect(h.emu.messages(GENERAL).some((m) => m.id === reply.id)).toBe(false);
  });

  it('GIVEN delete clicked by a moderator THEN the answer is deleted', async () => {
    const { reply } = await askByMention('what was the poll?', GENERAL);
    const del = buttonIds(reply).find((id) => id.startsWith('v1:del:')) ?? '';
    const ix = h.emu.sendButton({
      customId: del,
      message: { id: reply.id },
      user: MODERATOR_USER,
      memberPermissions: MODERATOR_PERMISSIONS,
    });
    expect((await h.emu.waitForInteractionResponse(ix.id)).data?.content).toBe(TEXT.deleted);
    await h.emu.waitForRequest(
      (r) => r.method === 'DELETE' && r.path === `/channels/${GENERAL}/messages/${reply.id}`,
    );
    expect(h.emu.messages(GENERAL).some((m) => m.id === reply.id)).toBe(false);
  });
});

describe('free text: failures', () => {
  it('GIVEN the engine throws THEN the asker gets a short apology, the error is logged, and the bot keeps answering', async () => {
    engines.breakNext(true);
    try {
      const { reply } = await askByMention('who won?');
      expect(reply.content).toBe(TEXT.genericError);
      const ix = h.emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'who won?' }] });
      const response = await h.emu.waitForInteractionResponse(ix.id);
      expect(response.data).toMatchObject({ content: TEXT.genericError, flags: 64 });
    } finally {
      engines.breakNext(false);
    }
    expect(h.logs.some((l) => l.event === 'free-text-failed')).toBe(true);
    const failed = await h.waitForLog((l) => l.event === 'command-failed');
    expect(JSON.stringify(failed)).toContain('engine exploded');

    const { reply } = await askByMention('who won the runoff?', QUESTIONS);
    expect(reply.embeds[0]?.description).toContain('Keisha Lance Bottoms won');
  });

  it('GIVEN Discord fails the interaction callback THEN the bot logs it (without the interaction token) and answers the next one', async () => {
    h.emu.failNext({ method: 'POST', pathMatches: /\/callback$/, status: 500 });
    const failed = h.emu.sendSlashCommand({ name: 'margin' });
    await h.emu.waitForInteractionResponse(failed.id);
    const line = await h.waitForLog((l) => l.event === 'respond-failed');
    // The failed URL carries the interaction token; the log keeps the route but not the token.
    expect(JSON.stringify(line)).toContain(`/interactions/${failed.id}/[redacted]`);
    expect(JSON.stringify(h.logs)).not.toContain(failed.token);
    const ok = h.emu.sendSlashCommand({ name: 'margin' });
    const response = await h.emu.waitForInteractionResponse(ok.id);
    expect(response.status).toBe(204);
    expect(JSON.stringify(response.data)).toContain('759');
  });

  it('THEN nothing the bot sent in this file could ping anyone, and no log line holds the token', () => {
    const requests = messageRequests(h.emu);
    expect(requests.length).toBeGreaterThan(15);
    for (const r of requests) expect(r.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(h.logs)).not.toContain(h.config.DISCORD_TOKEN);
  });

  it('THEN discord.js cached no messages and no users besides the bot itself', () => {
    const client = h.bot.client;
    expect([...client.users.cache.keys()]).toEqual([client.user.id]);
    for (const channel of client.channels.cache.values()) {
      if (channel.isTextBased()) expect(channel.messages.cache.size).toBe(0);
    }
  });
});
