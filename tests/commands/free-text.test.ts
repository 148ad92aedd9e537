import { beforeAll, describe, expect, it } from 'vitest';
import { answerFreeText, QA_CHANNEL_MIN_CONFIDENCE } from '../../src/commands/free-text.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { decodeButton } from '../../src/replies/custom-ids.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { buttonIds, limitProblems, loadTestEngine, MEMBER, onlyEmbed } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

const reply = (text: string, mode: 'mention' | 'dm' | 'qa-channel') =>
  answerFreeText(engine, text, { mode, askerId: MEMBER.id });

describe('answerFreeText', () => {
  it('GIVEN chatter in a Q&A channel ("lol same") THEN stays silent', () => {
    expect(reply('lol same', 'qa-channel')).toBeNull();
  });

  it('GIVEN an off-topic question in a Q&A channel THEN stays silent rather than suggesting', () => {
    expect(reply('what is the weather in paris?', 'qa-channel')).toBeNull();
  });

  it('GIVEN "who won?" in a Q&A channel THEN answers, with a delete button for the asker', () => {
    const out = reply('who won?', 'qa-channel');
    expect(out?.answered).toBe(true);
    expect(out?.factId).toBe('winner');
    if (!out) return;
    expect(onlyEmbed(out.message).description).toContain(
      engine.kb.entities.get(engine.kb.figures.runoff.winner)?.name,
    );
    expect(buttonIds(out.message).map(decodeButton)).toContainEqual({
      ok: true,
      action: { kind: 'delete', askerId: MEMBER.id },
    });
  });

  it('GIVEN an answer the engine is unsure of in a Q&A channel THEN stays silent, though a mention gets it', () => {
    // Misspelt questions the engine answers, but below the channel's threshold.
    const unsure = [
      'wen was the genral election',
      'dekab county precincts status',
      'how many peopel in the landmark pol',
    ]
      .map((q) => ({ q, r: engine.answer(q) }))
      .find(({ r }) => r.kind === 'answer' && r.confidence < QA_CHANNEL_MIN_CONFIDENCE);
    expect(unsure, 'one of these should be a low-confidence answer').toBeDefined();
    if (!unsure) return;
    expect(reply(unsure.q, 'qa-channel')).toBeNull();
    expect(reply(unsure.q, 'mention')?.answered).toBe(true);
  });

  it('GIVEN an off-topic mention THEN explains and offers suggestion buttons that ask facts', () => {
    const out = reply('tell me about pizza', 'mention');
    expect(out?.answered).toBe(false);
    expect(out?.factId).toBeNull();
    expect(out?.message.content).toContain(TEXT.noMatch);
    expect(out?.message.content).toContain(TEXT.didYouMean);
    const ids = out ? buttonIds(out.message) : [];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(id).toMatch(/^v1:ask:/);
      const decoded = decodeButton(id);
      expect(
        decoded.ok && decoded.action.kind === 'ask' && engine.answerFact(decoded.action.factId),
      ).toBeTruthy();
    }
  });

  it('GIVEN a question in a DM THEN answers it', () => {
    const out = reply('how close was it?', 'dm');
    expect(out?.answered).toBe(true);
    expect(out?.factId).toBe('margin');
  });

  it('GIVEN only a mention of everyone THEN the reply pings nobody', () => {
    const out = reply('@everyone', 'mention');
    expect(out).not.toBeNull();
    if (out) expect(limitProblems(out.message)).toEqual([]);
  });
});
