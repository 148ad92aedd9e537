import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/data/load.ts';
import { createEngineHolder } from '../../src/engine/holder.ts';
import { copyBundledPack, editFactOnDisk } from '../support/pack.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function holderOnCopy() {
  const dir = copyBundledPack();
  dirs.push(dir);
  return { dir, engines: createEngineHolder(() => loadPack(dir)) };
}

const winnerText = (answer: ReturnType<ReturnType<typeof createEngineHolder>['current']>['answer']) => {
  const r = answer('who won?');
  return r.kind === 'answer' ? r.text : r.message;
};

describe('createEngineHolder', () => {
  it('GIVEN a valid edit on disk THEN reload swaps in the new engine in one step, and an engine already handed out keeps answering as before', () => {
    const { dir, engines } = holderOnCopy();
    const before = engines.current();
    editFactOnDisk(dir, 'winner', (f) => {
      f.answer = 'Edited: Keisha Lance Bottoms won.';
    });
    expect(engines.reload()).toEqual({ ok: true });
    expect(winnerText(engines.current().answer)).toBe('Edited: Keisha Lance Bottoms won.');
    // A request that read the engine before the reload finishes on the old one, whole.
    expect(winnerText(before.answer)).toMatch(/^Keisha Lance Bottoms won the Dec\. 5 runoff/);
  });

  it('GIVEN an invalid edit on disk THEN reload is refused with the file, fact and field, and the old engine keeps serving', () => {
    const { dir, engines } = holderOnCopy();
    const before = engines.current();
    editFactOnDisk(dir, 'winner', (f) => {
      f.quotes = ['A sentence the article never printed.'];
    });
    const result = engines.reload();
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^facts\.json: fact "winner", field "quotes\.0": quote not found in article\.txt/,
      ),
    });
    expect(engines.current()).toBe(before);
  });
});
