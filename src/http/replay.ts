/**
 * Best-effort refusal of exact replays on this replica. Discord never delivers the same signed
 * request twice, so a second copy of one (same signature) inside the timestamp window is someone
 * replaying captured traffic. Replicas share nothing, so a replay sent to another replica is still
 * answered: this is defence in depth, never something correctness depends on. What bounds a replay
 * everywhere is the 5-minute timestamp window, and what makes one harmless is that answers are pure
 * and the follow-up work (pin or edit the summary, delete a message, log feedback) is idempotent.
 *
 * Memory is bounded: at most `capacity` signatures are kept (oldest forgotten first), and each is
 * forgotten once its timestamp has left the window, after which the window check refuses it anyway.
 */

/** Remembers recently accepted request signatures. */
export interface ReplayGuard {
  /**
   * Records a verified request's signature; returns false if it was already seen (a replay).
   * `expiresAtMs`: when the request's timestamp leaves the window.
   */
  firstSighting(signature: string, expiresAtMs: number, nowMs: number): boolean;
  /** How many signatures are remembered (for tests and diagnostics). */
  readonly size: number;
}

/** Default number of signatures remembered: the whole window at up to ~33 interactions a second. */
export const DEFAULT_REPLAY_CAPACITY = 10_000;

/** Creates a guard remembering at most `capacity` signatures. */
export function createReplayGuard(capacity = DEFAULT_REPLAY_CAPACITY): ReplayGuard {
  // A Map iterates in insertion order, so its first keys are the oldest sightings.
  const seen = new Map<string, number>();

  const forgetExpired = (nowMs: number): void => {
    for (const [signature, expiresAt] of seen) {
      if (expiresAt > nowMs) break;
      seen.delete(signature);
    }
  };

  return {
    firstSighting(signature, expiresAtMs, nowMs) {
      const known = seen.get(signature);
      if (known !== undefined && known > nowMs) return false;
      forgetExpired(nowMs);
      seen.delete(signature);
      seen.set(signature, expiresAtMs);
      while (seen.size > capacity) {
        const oldest = seen.keys().next();
        if (oldest.done) break;
        seen.delete(oldest.value);
      }
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
