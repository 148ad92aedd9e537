/**
 * Test harness for the gateway bot: starts the Discord emulator and the real bot (`startGatewayBot`,
 * the real discord.js Client) against it, captures the bot's log lines, and offers small waits that
 * read like what a user sees: the response to an interaction, the bot's reply to a message.
 */
import type { APIMessage } from 'discord-api-types/v10';
import { type Config, parseConfig } from '../../src/config.ts';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { type GatewayBot, startGatewayBot } from '../../src/discord/bot.ts';
import type { ClientTuning } from '../../src/discord/client.ts';
import { createEngineHolder, type EngineHolder } from '../../src/engine/holder.ts';
import { createLogger } from '../../src/log.ts';
import type { UnansweredLog } from '../../src/ops/unanswered.ts';
import {
  type DiscordEmulator,
  type EmulatorOptions,
  type InteractionResponse,
  type RecordedRequest,
  type SendMessageOptions,
  startEmulator,
} from '../emulator/index.ts';
import { captureSink } from '../support/log-capture.ts';
import { TEST_TOKEN } from '../support/secrets.ts';

/** The bot token the harness logs in with (shaped so config.ts accepts it). */
export { TEST_TOKEN };

/** The default guild's channels (tests/emulator defaults). */
export const GENERAL = '300000000000000011';
export const QUESTIONS = '300000000000000012';

/** One parsed log line. */
export type LogLine = Record<string, unknown>;

/** The built-in knowledge pack's engine. */
export function testEngines(): EngineHolder {
  return createEngineHolder(() => loadPack(DEFAULT_PACK_DIR));
}

export { type BrokenPart, ENGINE_FAILURE, switchableEngines } from '../support/engines.ts';

export interface Harness {
  readonly emu: DiscordEmulator;
  readonly bot: GatewayBot;
  readonly config: Config;
  readonly logs: LogLine[];
  /** Moves the bot's clock (the repeat cooldown) forward. */
  advanceClock(ms: number): void;
  /** Waits for a log line matching `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends a user message and waits for the bot's reply to it (the POST carrying its message_reference). */
  ask(opts: SendMessageOptions): Promise<{ sent: APIMessage; request: RecordedRequest; reply: APIMessage }>;
  /** The bot's replies to a message, as requests (to assert silence). */
  repliesTo(messageId: string): RecordedRequest[];
  /** Stops the bot and the emulator. */
  close(): Promise<void>;
}

/** A reply request: a message create whose message_reference points at `messageId`. */
function isReplyTo(r: RecordedRequest, messageId: string): boolean {
  if (r.method !== 'POST' || !/^\/channels\/\d+\/messages$/.test(r.path)) return false;
  const body = r.body;
  if (typeof body !== 'object' || body === null || !('message_reference' in body)) return false;
  const ref = body.message_reference;
  return typeof ref === 'object' && ref !== null && 'message_id' in ref && ref.message_id === messageId;
}

/** Starts the emulator and the bot. */
export async function startHarness(
  opts: {
    readonly qaChannelIds?: readonly string[];
    readonly emulator?: EmulatorOptions;
    readonly engines?: EngineHolder;
    /** Over the harness's default of a 2 s REST timeout and no retries. */
    readonly tuning?: ClientTuning;
    readonly unanswered?: UnansweredLog;
  } = {},
): Promise<Harness> {
  const emu = await startEmulator(opts.emulator);
  const logs: LogLine[] = [];
  const waiters: { predicate: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [TEST_TOKEN],
    sink: captureSink({
      write: (line: string) => {
        const parsed = JSON.parse(line) as LogLine;
        logs.push(parsed);
        for (const w of [...waiters]) {
          if (w.predicate(parsed)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(parsed);
          }
        }
      },
    }),
  });
  const config = parseConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_BASE: emu.apiBase,
    QA_CHANNEL_IDS: (opts.qaChannelIds ?? []).join(','),
  });
  let offset = 0;
  const bot = await startGatewayBot({
    config,
    engines: opts.engines ?? testEngines(),
    logger,
    tuning: { restTimeoutMs: 2000, restRetries: 0, ...opts.tuning },
    ...(opts.unanswered ? { unanswered: opts.unanswered } : {}),
    now: () => Date.now() + offset,
  });

  const harness: Harness = {
    emu,
    bot,
    config,
    logs,
    advanceClock: (ms) => {
      offset += ms;
    },
    waitForLog: (predicate, timeoutMs = 2000) => {
      const found = logs.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`no matching log line within ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    async ask(message) {
      const sent = emu.sendMessage(message);
      const request = await emu.waitForRequest((r) => isReplyTo(r, sent.id));
      const reply = request.response as APIMessage;
      return { sent, request, reply };
    },
    repliesTo: (messageId) => emu.requests.filter((r) => isReplyTo(r, messageId)),
    async close() {
      await bot.stop();
      await emu.close();
    },
  };
  return harness;
}

/** Every request that created or edited a message (to check allowed_mentions on all of them). */
export function messageRequests(emu: DiscordEmulator): RecordedRequest[] {
  return emu.requests.filter((r) => r.createsMessage || r.editsMessage);
}

/** Whether the bot answered the interaction privately (flag 64, EPHEMERAL). */
export const isEphemeral = (response: InteractionResponse) => ((response.data?.flags ?? 0) & 64) !== 0;

/** An identify throttle that does not wait, so re-identifying in tests takes no 5 s (DISCORD-EMULATOR.md). */
export const NO_IDENTIFY_WAIT: ClientTuning = {
  buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
};
