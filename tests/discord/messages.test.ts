import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import {
  AnswerCooldown,
  type IncomingMessage,
  messageLink,
  messageMode,
  planFreeText,
  questionText,
  REPEAT_COOLDOWN_MS,
  replyPayload,
} from '../../src/discord/messages.ts';
import { createEngine } from '../../src/engine/index.ts';
import { finalizeMessage } from '../../src/replies/message.ts';

const BOT = '100000000000000001';
const QA = '300000000000000012';
const ctx = { botUserId: BOT, qaChannelIds: [QA] };

function msg(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    authorId: '200000000000000001',
    authorIsBot: false,
    guildId: '300000000000000001',
    channelId: '300000000000000011',
    parentChannelId: null,
    content: 'who won?',
    ...overrides,
  };
}

describe('messageMode', () => {
  it('GIVEN a DM THEN dm', () => {
    expect(messageMode(msg({ guildId: null }), ctx)).toBe('dm');
  });

  it('GIVEN a guild message mentioning the bot (either mention form) THEN mention', () => {
    expect(messageMode(msg({ content: `<@${BOT}> who won?` }), ctx)).toBe('mention');
    expect(messageMode(msg({ content: `hey <@!${BOT}>, who won?` }), ctx)).toBe('mention');
  });

  it('GIVEN @everyone, @here, a role or another user THEN not a mention of the bot', () => {
    for (const content of [
      '@everyone who won?',
      '@here who won?',
      `<@&${BOT}> who won?`,
      '<@200000000000000002> hi',
    ]) {
      expect(messageMode(msg({ content }), ctx)).toBeNull();
    }
  });

  it('GIVEN a Q&A channel, or a thread under one THEN qa-channel', () => {
    expect(messageMode(msg({ channelId: QA }), ctx)).toBe('qa-channel');
    expect(messageMode(msg({ channelId: '300000000000000099', parentChannelId: QA }), ctx)).toBe(
      'qa-channel',
    );
  });

  it('GIVEN a mention in a Q&A channel THEN mention wins (the asker always gets a reply)', () => {
    expect(messageMode(msg({ channelId: QA, content: `<@${BOT}> hi` }), ctx)).toBe('mention');
  });

  it('GIVEN a bot, a webhook or the bot itself THEN ignored, even in a DM or with a mention', () => {
    expect(messageMode(msg({ authorIsBot: true, guildId: null }), ctx)).toBeNull();
    expect(messageMode(msg({ authorId: BOT, content: `<@${BOT}>` }), ctx)).toBeNull();
  });

  it('GIVEN an ordinary channel without a mention THEN ignored', () => {
    expect(messageMode(msg(), ctx)).toBeNull();
  });
});

describe('questionText', () => {
  it('GIVEN the bot mentioned anywhere THEN the mentions are removed and spacing tidied', () => {
    expect(questionText(`<@${BOT}>   who   won?  <@!${BOT}>`, BOT)).toBe('who won?');
  });

  it('GIVEN other mentions THEN they are kept (the engine ignores them)', () => {
    expect(questionText(`<@${BOT}> @everyone <@&1> who won?`, BOT)).toBe('@everyone <@&1> who won?');
  });

  it('GIVEN a bot id that is not a snowflake THEN nothing is treated as its mention', () => {
    expect(questionText('<@.*> who won?', '.*')).toBe('<@.*> who won?');
  });
});

describe('AnswerCooldown', () => {
  it('GIVEN the same fact in the same channel within the window THEN repeat, pointing at the first message', () => {
    const c = new AnswerCooldown();
    c.record('c1', 'margin', 'm1', 1_000);
    expect(c.check('c1', 'margin', 1_000 + REPEAT_COOLDOWN_MS - 1)).toEqual({
      kind: 'repeat',
      previousMessageId: 'm1',
    });
  });

  it('GIVEN the window passed, another channel, another fact or an abstention THEN post', () => {
    const c = new AnswerCooldown();
    c.record('c1', 'margin', 'm1', 0);
    expect(c.check('c1', 'margin', REPEAT_COOLDOWN_MS)).toEqual({ kind: 'post' });
    expect(c.check('c2', 'margin', 1)).toEqual({ kind: 'post' });
    expect(c.check('c1', 'winner', 1)).toEqual({ kind: 'post' });
    expect(c.check('c1', null, 1)).toEqual({ kind: 'post' });
  });

  it('GIVEN something else posted in between THEN the run is broken and the answer may be posted again', () => {
    const c = new AnswerCooldown();
    c.record('c1', 'margin', 'm1', 0);
    c.record('c1', null, 'm2', 1);
    expect(c.check('c1', 'margin', 2)).toEqual({ kind: 'post' });
  });

  it('GIVEN more channels than the bound THEN the oldest are forgotten', () => {
    const c = new AnswerCooldown(60_000, 3);
    for (let i = 0; i < 10; i++) c.record(`c${i}`, 'margin', `m${i}`, i);
    expect(c.size).toBe(3);
    expect(c.check('c0', 'margin', 10).kind).toBe('post');
    expect(c.check('c9', 'margin', 10).kind).toBe('repeat');
  });
});

describe('replyPayload', () => {
  it('GIVEN a bot message THEN discord.js reply options that ping nobody, without flags', () => {
    const payload = replyPayload(finalizeMessage({ content: 'hi', flags: 64 }));
    expect(payload).toEqual({
      content: 'hi',
      embeds: [],
      components: [],
      allowedMentions: { parse: [], repliedUser: false },
    });
  });
});

describe('messageLink', () => {
  it('GIVEN a guild or a DM THEN the link Discord clients use', () => {
    expect(messageLink('1', '2', '3')).toBe('https://discord.com/channels/1/2/3');
    expect(messageLink(null, '2', '3')).toBe('https://discord.com/channels/@me/2/3');
  });
});

describe('planFreeText', () => {
  const engine = createEngine(loadPack(DEFAULT_PACK_DIR));
  const plan = (m: IncomingMessage, cooldown = new AnswerCooldown(), now = 0) =>
    planFreeText(m, { engine, ...ctx, cooldown, now });

  it('GIVEN a confident question in the Q&A channel THEN reply with the answer and its fact', () => {
    const p = plan(msg({ channelId: QA, content: 'how close was the race?' }));
    expect(p).toMatchObject({ kind: 'reply', mode: 'qa-channel', factId: 'margin', answered: true });
  });

  it('GIVEN chatter in the Q&A channel THEN silent', () => {
    expect(plan(msg({ channelId: QA, content: 'lol same' }))).toEqual({
      kind: 'silent',
      mode: 'qa-channel',
      reason: 'not-confident',
    });
  });

  it('GIVEN chatter when mentioned THEN a "did you mean" reply', () => {
    const p = plan(msg({ content: `<@${BOT}> lol same` }));
    expect(p).toMatchObject({ kind: 'reply', mode: 'mention', factId: null, answered: false });
  });

  it('GIVEN a repeat THEN silent in the Q&A channel, a pointer when asked directly', () => {
    const cooldown = new AnswerCooldown();
    cooldown.record(QA, 'margin', '555', 0);
    expect(plan(msg({ channelId: QA, content: 'how close was the race?' }), cooldown, 10)).toMatchObject({
      kind: 'silent',
      reason: 'repeat',
    });
    const pointer = plan(msg({ channelId: QA, content: `<@${BOT}> how close was the race?` }), cooldown, 10);
    expect(pointer.kind).toBe('point');
    expect(pointer.kind === 'point' && pointer.message.content).toContain(`/${QA}/555`);
  });

  it('GIVEN an ordinary message THEN ignore', () => {
    expect(plan(msg())).toEqual({ kind: 'ignore' });
  });
});
