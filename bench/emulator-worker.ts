/**
 * Discord's side of the gateway bench, in a worker thread (or, with --emulator=process, a child
 * process): the emulator (tests/emulator) and the driver that fires interactions and streams
 * messages at the bot. Running it on its own thread keeps the emulator's work (building and
 * serialising events, answering REST calls) off the bot's event loop, as Discord is off the bot's
 * machine, and lets the bench read each thread's CPU time.
 */
import { parentPort } from 'node:worker_threads';
import { type DiscordEmulator, type RecordedRequest, startEmulator } from '../tests/emulator/index.ts';
import { clock, threadCpuMs } from './clock.ts';
import type {
  BurstRaw,
  Command,
  InteractionOutcome,
  MessagesCollected,
  MessagesDispatched,
  Reply,
} from './protocol.ts';
import {
  evalQuestions,
  interactionMix,
  messageStream,
  QA_CHANNEL_ID,
  type Student,
  students,
} from './workload.ts';

/** The bot's side: the worker's parent port, or the IPC channel of a child process. */
interface Port {
  postMessage(message: Reply): void;
  on(event: 'message', listener: (command: Command) => void): void;
}

function openPort(): Port {
  if (parentPort) return parentPort;
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/emulator-worker.ts runs as a worker thread or a forked child process');
  return {
    postMessage: (message) => send(message),
    on: (event, listener) => {
      process.on(event, listener);
      // The bench killed or lost: do not linger.
      process.on('disconnect', () => process.exit(0));
    },
  };
}

const port = openPort();

/** The default guild's Q&A channel ('questions' in tests/emulator's defaults). */
/** How long after the last dispatch a burst may take to be answered before the bench stops waiting. */
const BURST_TIMEOUT_MS = 15_000;
/**
 * Events sent per turn of the event loop when sending as fast as possible. Between turns the
 * emulator reads what the bot sent (callbacks, replies), as Discord's API would while its gateway
 * is still sending; one synchronous loop over 2,000 events would hold every callback back until
 * the last event is out and charge that wait to the bot.
 */
const CHUNK = 50;

const questions = evalQuestions();
const users: Student[] = students(500);

const emu: DiscordEmulator = await startEmulator();

function post(reply: Reply): void {
  port.postMessage(reply);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The interaction id of a callback request (`/interactions/{id}/{token}/callback`), if it is one. */
function callbackInteractionId(r: RecordedRequest): string | undefined {
  if (r.method !== 'POST' || !r.path.endsWith('/callback')) return undefined;
  const parts = r.path.split('/');
  return parts[1] === 'interactions' ? parts[2] : undefined;
}

async function burst(n: number, seed: number): Promise<BurstRaw> {
  const specs = interactionMix(n, seed, questions, users);
  emu.clearRecords();
  const cpu0 = threadCpuMs();
  const sent: { id: string; kind: InteractionOutcome['kind']; name: string; at: number; atMs: number }[] = [];
  const t0 = clock();
  for (const [i, spec] of specs.entries()) {
    if (i > 0 && i % CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    const origin = { name: spec.name, options: [...spec.options], user: spec.user };
    const at = clock();
    const atMs = Date.now();
    const ix = spec.kind === 'command' ? emu.sendSlashCommand(origin) : emu.sendAutocomplete(origin);
    sent.push({ id: ix.id, kind: spec.kind, name: spec.name, at, atMs });
  }
  const dispatchMs = clock() - t0;
  const callbacks = new Map<string, RecordedRequest>();
  let scanned = 0;
  const deadline = Date.now() + BURST_TIMEOUT_MS;
  while (callbacks.size < n && Date.now() < deadline) {
    await sleep(2);
    for (; scanned < emu.requests.length; scanned++) {
      const r = emu.requests[scanned];
      const id = r ? callbackInteractionId(r) : undefined;
      if (r && id !== undefined && !callbacks.has(id)) callbacks.set(id, r);
    }
  }
  const emulatorCpuMs = threadCpuMs() - cpu0;
  const outcomes = sent.map((s): InteractionOutcome => {
    const r = callbacks.get(s.id);
    const body = r?.response;
    const code =
      typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'number'
        ? body.code
        : null;
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      dispatchedAt: s.at,
      dispatchedAtMs: s.atMs,
      callbackAtMs: r ? r.at : null,
      status: r ? r.status : null,
      code,
    };
  });
  emu.forgetHistory();
  return { outcomes, dispatchMs, emulatorCpuMs };
}

/** CPU of the emulator thread when the current message stream started. */
let streamCpu0 = 0;
/** The ids of the current stream's messages that mention the bot. */
let streamMentions = new Set<string>();
let streamIds = new Set<string>();

async function messages(n: number, seed: number, rate: number | null): Promise<MessagesDispatched> {
  const specs = messageStream(n, seed, questions, users);
  const bot = { id: emu.botUser.id, username: emu.botUser.username };
  emu.clearRecords();
  streamCpu0 = threadCpuMs();
  streamMentions = new Set();
  streamIds = new Set();
  const ids: string[] = [];
  const dispatchedAt: number[] = [];
  const send = (i: number) => {
    const spec = specs[i];
    if (!spec) return;
    const mentions = [...(spec.mentionsBot ? [bot] : []), ...(spec.mentionsUser ? [spec.mentionsUser] : [])];
    const content = spec.mentionsBot ? `<@${bot.id}> ${spec.content}` : spec.content;
    const at = clock();
    const message = emu.sendMessage({ content, channelId: QA_CHANNEL_ID, author: spec.author, mentions });
    ids.push(message.id);
    dispatchedAt.push(at);
    streamIds.add(message.id);
    if (spec.mentionsBot) streamMentions.add(message.id);
  };
  const t0 = clock();
  let next = 0;
  while (next < n) {
    if (rate === null) {
      const end = Math.min(n, next + CHUNK);
      for (; next < end; next++) send(next);
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      const due = Math.min(n, Math.floor(((clock() - t0) * rate) / 1000) + 1);
      for (; next < due; next++) send(next);
      if (next < n) await sleep(1);
    }
  }
  return { ids, dispatchedAt, dispatchMs: clock() - t0 };
}

function collectMessages(): MessagesCollected {
  let replies = 0;
  let repliesToMentions = 0;
  let refused = 0;
  for (const r of emu.requests) {
    if (r.method !== 'POST' || r.path !== `/channels/${QA_CHANNEL_ID}/messages`) continue;
    const body = r.body;
    const ref =
      typeof body === 'object' && body !== null && 'message_reference' in body
        ? (body.message_reference as { message_id?: unknown } | null)
        : null;
    const target = typeof ref?.message_id === 'string' ? ref.message_id : '';
    if (!streamIds.has(target)) continue;
    replies += 1;
    if (streamMentions.has(target)) repliesToMentions += 1;
    if (r.status >= 400) refused += 1;
  }
  emu.forgetHistory();
  return { replies, repliesToMentions, refused, emulatorCpuMs: threadCpuMs() - streamCpu0 };
}

function memory(): Reply {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { type: 'memory', heapUsedMb: m.heapUsed / 2 ** 20, heapTotalMb: m.heapTotal / 2 ** 20 };
}

port.on('message', (command: Command) => {
  const run = async (): Promise<void> => {
    switch (command.type) {
      case 'burst':
        post({ type: 'burst-done', result: await burst(command.n, command.seed) });
        return;
      case 'messages':
        post({
          type: 'messages-dispatched',
          result: await messages(command.n, command.seed, command.rate),
        });
        return;
      case 'collect-messages':
        post({ type: 'messages-collected', result: collectMessages() });
        return;
      case 'memory':
        post(memory());
        return;
      case 'close':
        await emu.close();
        post({ type: 'closed' });
        return;
    }
  };
  run().catch((err: unknown) =>
    post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

post({ type: 'started', apiBase: emu.apiBase, botUserId: emu.botUser.id, qaChannelId: QA_CHANNEL_ID });
