import { beforeAll, describe, expect, it } from 'vitest';
import { handleButton } from '../../src/commands/buttons.ts';
import { type Invoker, UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { encodeButton } from '../../src/replies/custom-ids.ts';
import { TEXT } from '../../src/replies/strings.ts';
import {
  buttonIds,
  loadTestEngine,
  MEMBER,
  MODERATOR,
  onlyEmbed,
  STRANGER,
  userError,
} from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

const click = (customId: string, invoker: Invoker = MEMBER) => handleButton({ engine, customId, invoker });

/** The message of the UserError a click is refused with. */
const refusal = (customId: string, invoker: Invoker = MEMBER) =>
  userError(() => click(customId, invoker)).message;

describe('handleButton', () => {
  it('GIVEN a "did you mean" suggestion THEN answers that fact, with a delete button for the clicker', () => {
    const fact = engine.kb.factById.get('margin');
    const outcome = click(encodeButton({ kind: 'ask', factId: 'margin' }));
    expect(onlyEmbed(outcome.reply).description).toBe(fact?.answer);
    expect(buttonIds(outcome.reply)).toContain(encodeButton({ kind: 'delete', askerId: MEMBER.id }));
    expect(outcome.effect).toBeUndefined();
  });

  it('GIVEN a suggestion for a fact the pack does not have THEN a UserError asks to ask again', () => {
    expect(refusal(encodeButton({ kind: 'ask', factId: 'no-such-fact' }))).toBe(TEXT.staleButton);
  });

  it('GIVEN a suggestion for a fact the bot declines to state THEN a UserError, not an answer', () => {
    const declined = engine.kb.facts.find((f) => f.decline);
    expect(declined).toBeDefined();
    expect(() => click(encodeButton({ kind: 'ask', factId: declined?.id ?? '' }))).toThrow(UserError);
  });

  it.each([true, false])('GIVEN feedback (helpful: %s) THEN thanks privately and records it', (helpful) => {
    const outcome = click(encodeButton({ kind: 'feedback', helpful, factId: 'winner' }));
    expect(outcome.reply.content).toBe(TEXT.feedbackThanks);
    expect(outcome.reply.flags).toBe(64);
    expect(outcome.effect).toEqual({ kind: 'feedback', helpful, factId: 'winner' });
  });

  it('GIVEN delete clicked by the asker THEN the answer is deleted', () => {
    const outcome = click(encodeButton({ kind: 'delete', askerId: MEMBER.id }), MEMBER);
    expect(outcome.effect).toEqual({ kind: 'delete-message' });
    expect(outcome.reply.content).toBe(TEXT.deleted);
    expect(outcome.reply.flags).toBe(64);
  });

  it('GIVEN delete clicked by someone else THEN refused, and nothing is deleted', () => {
    expect(refusal(encodeButton({ kind: 'delete', askerId: MEMBER.id }), STRANGER)).toBe(TEXT.deleteRefused);
  });

  it('GIVEN delete clicked by a moderator THEN the answer is deleted', () => {
    const outcome = click(encodeButton({ kind: 'delete', askerId: MEMBER.id }), MODERATOR);
    expect(outcome.effect).toEqual({ kind: 'delete-message' });
  });

  it('GIVEN a button from an older version THEN a UserError says to ask again', () => {
    expect(refusal('v0:ask:margin')).toBe(TEXT.staleButton);
  });

  it('GIVEN a forged id THEN a UserError says the button is not recognised', () => {
    expect(refusal('v1:ask:../../etc/passwd')).toBe(TEXT.unknownButton);
    expect(refusal('v1:del:abc')).toBe(TEXT.unknownButton);
  });
});
