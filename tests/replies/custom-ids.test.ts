import { beforeAll, describe, expect, it } from 'vitest';
import type { QaEngine } from '../../src/engine/index.ts';
import { type ButtonAction, decodeButton, encodeButton } from '../../src/replies/custom-ids.ts';
import { loadTestEngine } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

describe('encodeButton / decodeButton', () => {
  it.each<[string, ButtonAction]>([
    ['a suggestion', { kind: 'ask', factId: 'margin' }],
    ['helpful feedback', { kind: 'feedback', helpful: true, factId: 'winner' }],
    ['not-helpful feedback', { kind: 'feedback', helpful: false, factId: 'winner' }],
    ['a delete by its asker', { kind: 'delete', askerId: '123456789012345678' }],
  ])('GIVEN %s THEN the id decodes back to the same action', (_what, action) => {
    const id = encodeButton(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeButton(id)).toEqual({ ok: true, action });
  });

  it('GIVEN every fact the bot can state THEN its suggestion and feedback buttons decode to that fact', () => {
    const stated = engine.kb.facts.filter((f) => !f.decline);
    expect(stated.length).toBeGreaterThan(0);
    for (const f of stated) {
      const actions: ButtonAction[] = [
        { kind: 'ask', factId: f.id },
        { kind: 'feedback', helpful: true, factId: f.id },
        { kind: 'feedback', helpful: false, factId: f.id },
      ];
      for (const action of actions) {
        const id = encodeButton(action);
        expect(id.length, id).toBeLessThanOrEqual(100);
        expect(decodeButton(id), id).toEqual({ ok: true, action });
      }
    }
  });

  it.each(['v0:ask:margin', 'v0:fb:up:winner', 'v2:del:123'])(
    'GIVEN an id from another version of the bot (%s) THEN it is stale, not forged',
    (id) => {
      expect(decodeButton(id)).toEqual({ ok: false, stale: true });
    },
  );

  it.each([
    ['a path in the fact id', 'v1:ask:../../x'],
    ['an upper-case fact id', 'v1:ask:MARGIN'],
    ['a non-numeric asker', 'v1:del:abc'],
    ['feedback that is neither up nor down', 'v1:fb:maybe:x'],
    ['an extra part', 'v1:ask:margin:extra'],
    ['a missing part', 'v1:fb:up'],
    ['an unknown action', 'v1:run:margin'],
    ['an empty id', ''],
    ['no version', 'ask:margin'],
  ])('GIVEN %s THEN it is refused and not taken for stale', (_what, id) => {
    expect(decodeButton(id)).toEqual({ ok: false, stale: false });
  });

  it('GIVEN an id over 100 characters THEN it is refused, even when it looks like an old version', () => {
    const id = `v0:ask:${'a'.repeat(94)}`;
    expect(id).toHaveLength(101);
    expect(decodeButton(id)).toEqual({ ok: false, stale: false });
    expect(decodeButton(`v1:ask:${'a'.repeat(94)}`)).toEqual({ ok: false, stale: false });
  });
});
