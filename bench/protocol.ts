/**
 * Messages between the bench's main thread (the bot) and its emulator worker (Discord's side).
 */

/** Main -> worker. */
export type Command =
  | { readonly type: 'burst'; readonly n: number; readonly seed: number }
  | {
      readonly type: 'messages';
      readonly n: number;
      readonly seed: number;
      /** Messages per second, or null to send them as fast as the emulator can. */
      readonly rate: number | null;
    }
  | { readonly type: 'collect-messages' }
  | { readonly type: 'memory' }
  | { readonly type: 'close' };

/** Worker -> main. */
export type Reply =
  | {
      readonly type: 'started';
      readonly apiBase: string;
      readonly botUserId: string;
      readonly qaChannelId: string;
    }
  | { readonly type: 'burst-done'; readonly result: BurstRaw }
  | { readonly type: 'messages-dispatched'; readonly result: MessagesDispatched }
  | { readonly type: 'messages-collected'; readonly result: MessagesCollected }
  | { readonly type: 'memory'; readonly heapUsedMb: number; readonly heapTotalMb: number }
  | { readonly type: 'closed' }
  | { readonly type: 'error'; readonly message: string };

/** One dispatched interaction and what the emulator saw of its callback. */
export interface InteractionOutcome {
  readonly id: string;
  readonly kind: 'command' | 'autocomplete';
  readonly name: string;
  /** When the emulator dispatched it (`clock()`, ms, comparable with the bot thread's clock). */
  readonly dispatchedAt: number;
  /** The same instant on the emulator's own clock (`Date.now()`, whole ms). */
  readonly dispatchedAtMs: number;
  /** When its callback reached the emulator (the request's `at`, `Date.now()`), or null if never. */
  readonly callbackAtMs: number | null;
  /** The emulator's answer to the callback (204 on time; 404 with code 10062 when late). */
  readonly status: number | null;
  readonly code: number | null;
}

/** What the worker reports about a burst. */
export interface BurstRaw {
  readonly outcomes: readonly InteractionOutcome[];
  /** How long the emulator took to dispatch the whole burst (ms). */
  readonly dispatchMs: number;
  /** CPU time of the emulator's thread during the burst (ms). */
  readonly emulatorCpuMs: number;
}

/** What the worker reports once it has dispatched a message stream. */
export interface MessagesDispatched {
  readonly ids: readonly string[];
  readonly dispatchedAt: readonly number[];
  readonly dispatchMs: number;
}

/** What the worker reports once the bot has handled the stream. */
export interface MessagesCollected {
  /** Replies the bot posted to messages of the stream (POST /channels/{qa}/messages). */
  readonly replies: number;
  /** Of which to messages that mentioned the bot. */
  readonly repliesToMentions: number;
  /** Replies the emulator refused (status >= 400). */
  readonly refused: number;
  /** CPU time of the emulator's thread from the start of the stream until now (ms). */
  readonly emulatorCpuMs: number;
}
