import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { decodeButton } from '../../src/replies/custom-ids.ts';
import { TEXT } from '../../src/replies/strings.ts';
import {
  buttonIds,
  fieldNamed,
  limitProblems,
  loadTestEngine,
  MEMBER,
  onlyEmbed,
  runCommand,
} from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

const ask = (question: string) => runCommand(engine, 'ask', [{ name: 'question', value: question }]).reply;

describe('/ask', () => {
  it('GIVEN "who won?" THEN an answer card with the question, the answer and the quoted sentences', () => {
    const msg = ask('who won?');
    const embed = onlyEmbed(msg);
    const winner = engine.kb.entities.get(engine.kb.figures.runoff.winner)?.name ?? '?';
    expect(embed.title).toBe('who won?');
    expect(embed.description).toContain(winner);
    const quoted = fieldNamed(embed, TEXT.answerFieldName).value;
    for (const q of engine.kb.factById.get('winner')?.quotes ?? []) expect(quoted).toContain(`> ${q.text}`);
    expect(msg.flags).toBeUndefined();
  });

  it('GIVEN an answer THEN feedback buttons for that fact and a delete button for the asker', () => {
    const actions = buttonIds(ask('how close was it?')).map(decodeButton);
    expect(actions).toContainEqual({
      ok: true,
      action: { kind: 'feedback', helpful: true, factId: 'margin' },
    });
    expect(actions).toContainEqual({
      ok: true,
      action: { kind: 'feedback', helpful: false, factId: 'margin' },
    });
    expect(actions).toContainEqual({ ok: true, action: { kind: 'delete', askerId: MEMBER.id } });
  });

  it('GIVEN an off-topic question THEN "did you mean" buttons instead of a guess', () => {
    const msg = ask('what is the best pizza in town?');
    expect(msg.embeds).toBeUndefined();
    expect(msg.content).toContain(TEXT.didYouMean);
    const actions = buttonIds(msg).map(decodeButton);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a.ok && a.action.kind).toBe('ask');
  });

  it('GIVEN a question asking the bot to pick a side THEN it declines', () => {
    const msg = ask('who should I vote for?');
    expect(msg.embeds).toBeUndefined();
    expect(msg.content).toContain("I don't take sides");
  });

  it('GIVEN a question full of mentions and markdown THEN the echoed title cannot ping or format', () => {
    const msg = ask('@everyone <@123> who **won**? [x](https://evil.example)');
    const title = onlyEmbed(msg).title ?? '';
    expect(title).not.toMatch(/@everyone|<@\d/);
    expect(title).not.toContain('**');
    expect(title).not.toContain('[x](');
    expect(limitProblems(msg)).toEqual([]);
  });

  it('GIVEN a 1,000-character question THEN the reply still fits Discord', () => {
    expect(limitProblems(ask(`who won ${'and why '.repeat(124)}`))).toEqual([]);
  });

  it('GIVEN no question THEN a UserError asks for one', () => {
    expect(() => runCommand(engine, 'ask', [])).toThrow(UserError);
  });
});
