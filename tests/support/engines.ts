/**
 * Engine holders for testing the error paths: one that throws from a chosen part, shared by the
 * gateway, HTTP and console tests. Not a test file itself.
 */
import type { EngineHolder } from '../../src/engine/holder.ts';
import type { QaEngine } from '../../src/engine/index.ts';

/**
 * Which part of an engine holder fails: the engine's `answer` or `answerFact`, its knowledge base
 * (autocomplete and every command read it), the holder's `current()` itself, or `reload()`.
 */
export type BrokenPart = 'answer' | 'answerFact' | 'kb' | 'current' | 'reload';

/** The error every broken part throws. */
export const ENGINE_FAILURE = 'engine exploded (test)';

function explode(): never {
  throw new Error(ENGINE_FAILURE);
}

/**
 * An engine holder that can be made to throw from one part at a time, to test the error paths of
 * every handler. `breakNext(true)` breaks `answer`; `breakNext(false)` repairs everything.
 */
export function switchableEngines(
  base: EngineHolder,
): EngineHolder & { breakNext(part: boolean | BrokenPart): void } {
  let broken: BrokenPart | null = null;
  const failing = (part: BrokenPart): QaEngine => {
    const engine = base.current();
    if (part === 'answer') return { ...engine, answer: explode };
    if (part === 'answerFact') return { ...engine, answerFact: explode };
    if (part === 'kb') {
      return {
        get kb(): QaEngine['kb'] {
          return explode();
        },
        index: engine.index,
        answer: explode,
        answerFact: explode,
      };
    }
    return engine;
  };
  return {
    current: () => {
      if (broken === 'current') explode();
      return broken === null ? base.current() : failing(broken);
    },
    reload: () => (broken === 'reload' ? explode() : base.reload()),
    breakNext: (part) => {
      broken = part === true ? 'answer' : part === false ? null : part;
    },
  };
}
