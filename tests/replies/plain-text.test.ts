import { beforeAll, describe, expect, it } from 'vitest';
import type { QaEngine } from '../../src/engine/index.ts';
import { answerMessage } from '../../src/replies/answer.ts';
import { finalizeMessage } from '../../src/replies/message.ts';
import { messageText, resultJson, resultText } from '../../src/replies/plain-text.ts';
import { echoUserText } from '../../src/replies/sanitize.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { loadTestEngine, MEMBER } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

describe('messageText', () => {
  it('GIVEN an embed with bold text and fields THEN reads as plain text with indented field values', () => {
    const { text } = messageText(
      finalizeMessage({
        embeds: [
          {
            title: 'Runoff',
            description: '**Bottoms** won.',
            fields: [{ name: 'Margin', value: 'line one\nline two' }],
            footer: { text: 'Quoted from the article.' },
          },
        ],
      }),
    );
    expect(text).toBe('## Runoff\nBottoms won.\nMargin:\n  line one\n  line two\n(Quoted from the article.)');
  });

  it('GIVEN escaped user text THEN the terminal shows what the user typed', () => {
    const typed = 'who won? [x](y) #1 *really*';
    const { text } = messageText(finalizeMessage({ content: echoUserText(typed, 100) }));
    expect(text).toBe(typed);
  });

  it('GIVEN an answer with buttons THEN lists them in order with their ids', () => {
    const answer = engine.answerFact('winner');
    if (!answer) throw new Error('no winner fact');
    const msg = answerMessage(answer, { askerId: MEMBER.id });
    const { buttons } = messageText(msg);
    expect(buttons.map((b) => b.customId)).toEqual(
      (msg.components ?? []).flatMap((r) => r.components.map((b) => b.custom_id)),
    );
    expect(buttons.map((b) => b.label)).toEqual([TEXT.helpful, TEXT.notHelpful, TEXT.delete]);
  });
});

describe('resultText', () => {
  it('GIVEN an answer THEN gives the answer, then the quoted sentences', () => {
    const result = engine.answer('who won?');
    if (result.kind !== 'answer') throw new Error('expected an answer');
    const text = resultText(result);
    expect(text.startsWith(result.text)).toBe(true);
    expect(text).toContain('From the article:');
    for (const q of result.quotes) expect(text).toContain(`  > ${q.text}`);
  });

  it('GIVEN an abstention with suggestions THEN lists them as "Did you mean"', () => {
    const result = engine.answer('tell me about pizza');
    if (result.kind !== 'abstention') throw new Error('expected an abstention');
    const text = resultText(result);
    expect(text).toContain(result.message);
    expect(text).toContain('Did you mean:');
    for (const s of result.suggestions) expect(text).toContain(`  - ${s.question}`);
  });
});

describe('resultJson', () => {
  it('GIVEN an answer THEN records it as answered with its citation', () => {
    const result = engine.answer('how close was it?');
    const json = resultJson('how close was it?', result);
    expect(json.answered).toBe(true);
    expect(json.answer.length).toBeGreaterThan(0);
    expect(json.citation).not.toBeNull();
    expect(json.suggestions).toEqual([]);
  });

  it('GIVEN an abstention THEN records it as unanswered with its suggestions', () => {
    const result = engine.answer('tell me about pizza');
    const json = resultJson('tell me about pizza', result);
    expect(json).toMatchObject({
      question: 'tell me about pizza',
      answered: false,
      answer: '',
      citation: null,
    });
    expect(json.suggestions.length).toBeGreaterThan(0);
  });
});
