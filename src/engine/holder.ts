/**
 * Holds the engine the bot is serving and swaps it atomically on reload: a new pack is loaded and
 * validated completely before it replaces the old one, and a broken pack leaves the old one serving.
 */
import type { KnowledgeBase } from '../data/knowledge.ts';
import { createEngine, type QaEngine } from './index.ts';

export interface EngineHolder {
  /** The engine to use for this request (read it once per request). */
  current(): QaEngine;
  /** Loads the pack again; on failure the old engine keeps serving and the error is returned. */
  reload(): { readonly ok: true } | { readonly ok: false; readonly error: string };
}

export function createEngineHolder(load: () => KnowledgeBase): EngineHolder {
  let engine = createEngine(load());
  return {
    current: () => engine,
    reload: () => {
      try {
        const next = createEngine(load());
        engine = next;
        return { ok: true };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
