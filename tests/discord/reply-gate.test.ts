/**
 * The per-channel limit on replies waiting to be posted: unit tests of ReplyGate, and end to end,
 * a busy Q&A channel whose replies are slow gets no more than two queued, while a mention there
 * is still answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PENDING_REPLIES, ReplyGate } from '../../src/discord/messages.ts';
import { type Harness, QUESTIONS, startHarness } from './harness.ts';

describe('ReplyGate', () => {
  it('GIVEN a Q&A channel with two replies waiting THEN a third is refused until one is posted', () => {
    const gate = new ReplyGate();
    expect(gate.tryAcquire('c1', 'qa-channel')).toBe(true);
    expect(gate.tryAcquire('c1', 'qa-channel')).toBe(true);
    expect(gate.tryAcquire('c1', 'qa-channel')).toBe(false);
    expect(gate.waiting('c1')).toBe(2);
    gate.release('c1');
    expect(gate.tryAcquire('c1', 'qa-channel')).toBe(true);
  });

  it('GIVEN a full Q&A channel THEN a direct question there still gets a slot, up to its own limit', () => {
    const gate = new ReplyGate();
    gate.tryAcquire('c1', 'qa-channel');
    gate.tryAcquire('c1', 'qa-channel');
    let granted = 0;
    while (gate.tryAcquire('c1', 'mention')) granted += 1;
    expect(gate.waiting('c1')).toBe(MAX_PENDING_REPLIES.mention);
    expect(granted).toBe(MAX_PENDING_REPLIES.mention - 2);
    expect(gate.tryAcquire('c1', 'qa-channel')).toBe(false);
  });

  it('GIVEN channels are counted apart THEN one full channel does not block another', () => {
    const gate = new ReplyGate({ 'qa-channel': 1, mention: 1, dm: 1 });
    expect(gate.tryAcquire('c1', 'qa-channel')).toBe(true);
    expect(gate.tryAcquire('c2', 'qa-channel')).toBe(true);
    expect(gate.tryAcquire('c1', 'dm')).toBe(false);
  });

  it('GIVEN every reply was released THEN no channel is remembered (the map stays bounded)', () => {
    const gate = new ReplyGate();
    for (let i = 0; i < 1000; i++) {
      gate.tryAcquire(`c${i}`, 'dm');
      gate.release(`c${i}`);
    }
    expect(gate.size).toBe(0);
    gate.release('never-acquired');
    expect(gate.size).toBe(0);
  });
});

describe('ReplyGate in the gateway bot', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ qaChannelIds: [QUESTIONS] });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('GIVEN slow replies in a busy Q&A channel THEN two are queued, the rest dropped, and a mention still answered', async () => {
    h.emu.failNext({
      method: 'POST',
      pathMatches: `/channels/${QUESTIONS}/messages`,
      delayMs: 400,
      times: 3,
    });
    const questions = [
      'Who won the Atlanta mayoral runoff?',
      'What percent did Mary Norwood receive?',
      'How many votes separated the candidates?',
      'Who is the outgoing mayor?',
    ];
    const sent = questions.map((content) => h.emu.sendMessage({ content, channelId: QUESTIONS }));
    const bot = h.emu.botUser;
    const mention = await h.ask({
      content: `<@${bot.id}> what did bottoms promise?`,
      channelId: QUESTIONS,
      mentions: [{ id: bot.id, username: bot.username }],
    });
    expect(mention.request.status).toBe(200);
    expect(mention.reply.embeds?.length).toBeGreaterThan(0);
    const answered = sent.filter((m) => h.repliesTo(m.id).length > 0);
    expect(answered.map((m) => m.id)).toEqual([sent[0]?.id, sent[1]?.id]);
    const shed = h.logs.filter((l) => l.event === 'free-text-shed');
    expect(shed).toHaveLength(2);
    expect(shed[0]).toMatchObject({ mode: 'qa-channel', channelId: QUESTIONS, waiting: 2 });
  });
});
