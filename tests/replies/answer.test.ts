import { beforeAll, describe, expect, it } from 'vitest';
import type { Abstention, Answer, QaEngine } from '../../src/engine/index.ts';
import { abstentionMessage, answerMessage, quoteField, resultMessage } from '../../src/replies/answer.ts';
import { decodeButton } from '../../src/replies/custom-ids.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { buttonIds, limitProblems, loadTestEngine, MEMBER, onlyEmbed, visibleText } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

function stated(factId: string): Answer {
  const a = engine.answerFact(factId);
  if (!a) throw new Error(`the pack cannot state "${factId}"`);
  return a;
}

function abstention(question: string): Abstention {
  const r = engine.answer(question);
  if (r.kind !== 'abstention') throw new Error(`"${question}" was answered`);
  return r;
}

describe('answerMessage', () => {
  it('GIVEN an answer THEN the card states it and quotes each of its sentences', () => {
    const answer = stated('winner');
    const embed = onlyEmbed(answerMessage(answer));
    expect(embed.description).toBe(answer.text);
    const quoteField = embed.fields?.find((f) => f.name === TEXT.answerFieldName);
    expect(quoteField).toBeDefined();
    for (const q of answer.quotes) expect(quoteField?.value).toContain(`> ${q.text}`);
  });

  it('GIVEN an answer whose quote was corrected THEN the footer says what was corrected', () => {
    const answer = stated('profile-aman');
    expect(answer.notes.length).toBeGreaterThan(0);
    const footer = onlyEmbed(answerMessage(answer)).footer?.text ?? '';
    for (const n of answer.notes) expect(footer).toContain(n);
  });

  it('GIVEN the asker THEN helpful, not-helpful and delete buttons act on this answer and this asker', () => {
    const answer = stated('margin');
    const msg = answerMessage(answer, { askerId: MEMBER.id });
    const actions = buttonIds(msg).map(decodeButton);
    expect(actions).toEqual([
      { ok: true, action: { kind: 'feedback', helpful: true, factId: answer.factId } },
      { ok: true, action: { kind: 'feedback', helpful: false, factId: answer.factId } },
      { ok: true, action: { kind: 'delete', askerId: MEMBER.id } },
    ]);
  });

  it('GIVEN no asker and no feedback THEN the card has no buttons', () => {
    const msg = answerMessage(stated('margin'), { feedback: false });
    expect(msg.components).toBeUndefined();
  });

  it('GIVEN a question with a mention and markdown THEN it is shown as the title without pinging', () => {
    const msg = answerMessage(stated('winner'), { question: '@everyone **who** won?' });
    const title = onlyEmbed(msg).title ?? '';
    expect(title).not.toContain('@everyone');
    expect(title).not.toContain('**');
    expect(title).toContain('who');
  });

  it('GIVEN ephemeral THEN only the asker sees it', () => {
    expect(answerMessage(stated('winner'), { ephemeral: true }).flags).toBe(64);
    expect(answerMessage(stated('winner')).flags).toBeUndefined();
  });

  it('GIVEN every fact the pack states THEN its card fits Discord and pings nobody', () => {
    for (const f of engine.kb.facts) {
      const answer = engine.answerFact(f.id);
      if (!answer) continue;
      const msg = answerMessage(answer, { askerId: MEMBER.id, question: answer.text });
      expect(limitProblems(msg), f.id).toEqual([]);
    }
  });
});

describe('abstentionMessage', () => {
  it('GIVEN an off-topic question THEN explains and offers suggestion buttons that ask those facts', () => {
    const result = abstention('what is the weather in paris?');
    expect(result.suggestions.length).toBeGreaterThan(0);
    const msg = abstentionMessage(result);
    expect(msg.content).toContain(result.message);
    expect(msg.content).toContain(TEXT.didYouMean);
    const labels = (msg.components ?? []).flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(result.suggestions.map((s) => s.question));
    expect(buttonIds(msg).map(decodeButton)).toEqual(
      result.suggestions.map((s) => ({ ok: true, action: { kind: 'ask', factId: s.factId } })),
    );
  });

  it('GIVEN no suggestions THEN points to /help and has no buttons', () => {
    const result: Abstention = {
      kind: 'abstention',
      reason: 'no-match',
      message: TEXT.noMatch,
      suggestions: [],
      topic: null,
      confidence: 0,
    };
    const msg = abstentionMessage(result);
    expect(msg.content).toContain(TEXT.tryHelp);
    expect(msg.content).not.toContain(TEXT.didYouMean);
    expect(msg.components).toBeUndefined();
  });

  it('GIVEN ephemeral THEN only the asker sees it', () => {
    expect(abstentionMessage(abstention('tell me about pizza'), { ephemeral: true }).flags).toBe(64);
  });
});

describe('resultMessage', () => {
  it('GIVEN an answer THEN sends the answer card', () => {
    const msg = resultMessage(engine.answer('who won?'), { askerId: MEMBER.id });
    expect(onlyEmbed(msg).description).toBe(stated('winner').text);
  });

  it('GIVEN an abstention THEN sends the explanation, not a card', () => {
    const msg = resultMessage(engine.answer('tell me about pizza'), { ephemeral: true });
    expect(msg.embeds).toBeUndefined();
    expect(visibleText(msg)).toContain(TEXT.noMatch);
    expect(msg.flags).toBe(64);
  });
});

describe('quoteField', () => {
  it('GIVEN quotes longer than a field holds THEN whole sentences that fit are kept, none cut', () => {
    const quotes = engine.kb.facts.flatMap((f) => f.quotes);
    const field = quoteField(quotes);
    expect(quotes.map((q) => q.text).join('\n').length).toBeGreaterThan(1024);
    expect(field.value.length).toBeLessThanOrEqual(1024);
    const lines = field.value.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    lines.forEach((line, i) => {
      expect(line).toBe(`> ${quotes[i]?.text}`);
    });
  });

  it('GIVEN one sentence longer than a field THEN it alone is cut with an ellipsis', () => {
    const long = { verbatim: 'x', text: 'word '.repeat(400).trim(), notes: [] };
    const field = quoteField([long]);
    expect(field.value.length).toBe(1024);
    expect(field.value.endsWith('…')).toBe(true);
  });
});
