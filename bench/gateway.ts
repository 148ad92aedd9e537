/**
 * `npm run bench:gateway`: the real gateway bot (`startGatewayBot`, the real discord.js Client) under
 * election-night load, against the Discord API emulator (tests/emulator) in one process.
 *
 * The emulator and the driver run in a worker thread (bench/emulator-worker.ts): Discord's side
 * builds, serialises and sends the events and answers the bot's REST calls on its own thread, the
 * bot runs on the main thread, and each thread's CPU time is read from Linux's
 * /proc/thread-self/schedstat, so the bot's cost is measured apart from the emulator's. The
 * process's RSS then holds both; --emulator=process moves the emulator into a child process so
 * that RSS and process CPU are the bot's alone (bench/production.ts measures the compiled bot).
 *
 * Each round (three by default, in the same process) does:
 * - bursts of 100, 500 and 2,000 interactions (/results, /margin, /platform with typos, /ask with
 *   questions from tests/eval, autocomplete), dispatched as fast as the emulator can. Per burst:
 *   how many were acknowledged in time, the time from dispatch to the callback reaching the
 *   emulator (p50, p99, max), how many missed Discord's 3 s (the emulator answers 10062), and the
 *   time from dispatch to the bot writing its callback request (undici's sendHeaders), which leaves
 *   out the emulator's own delay in reading it;
 * - 10,000 chat messages in the Q&A channel as fast as the emulator can send them, then 10,000 more
 *   at a steady 5,000 a second. A message is handled when the bot's messageCreate handler has
 *   settled (for a message it answers: once Discord has answered the reply's POST), observed through
 *   `startGatewayBot`'s `onHandled`. Reported: messages a second from the first dispatched to the
 *   last handled, the lag from dispatch to handled (p50, p99, max), replies, CPU per message;
 * - the process's resident memory after a full GC of both threads: at rest, after the bursts, after
 *   the messages.
 *
 * Logging runs at `info`, as in production, into a sink that drops the lines (the bot's formatting
 * and redaction are measured, the write is not); `--log-level=silent` turns it off.
 *
 *   npm run bench:gateway [-- --json] [--rounds=3] [--log-level=info|silent] [--quick]
 *     [--only=bursts|messages] [--profile=FILE.cpuprofile] [--rest-connections=N]
 *     [--heap-snapshots=DIR] [--bursts=100,500,2000] [--emulator=thread|process]
 *
 * --profile writes a V8 CPU profile of the bot's thread (main thread) for the last round only, the
 * warm steady state, for bench/cpuprofile-summary.ts. (`node --cpu-prof` profiles the whole run,
 * start-up and module loading included, and the emulator's thread into a second file.)
 * --heap-snapshots writes a heap snapshot of the bot's thread after each round (after a GC), for
 * bench/heapsnapshot-diff.ts: what grew between two rounds, by constructor.
 */
import { type ChildProcess, fork } from 'node:child_process';
import diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { HandledEvent } from '../src/discord/bot.ts';
import { clock, machineCpuMs, otherProcess, percentile, processCpuMs, round, threadCpuMs } from './clock.ts';
import type { BurstRaw, Command, MessagesCollected, MessagesDispatched, Reply } from './protocol.ts';
import { markdown } from './table.ts';
import { FAKE_TOKEN } from './workload.ts';

/** A token config.ts accepts; the emulator accepts any. Nothing here reaches Discord. */
const ACK_DEADLINE_MS = 3000;

interface Options {
  readonly json: boolean;
  readonly rounds: number;
  readonly logLevel: 'info' | 'silent' | 'debug';
  readonly bursts: readonly number[];
  readonly messages: number;
  readonly rate: number;
  /** Run only the bursts or only the messages (for profiling one of them). */
  readonly only: 'bursts' | 'messages' | null;
  /** Where the emulator runs (default: a worker thread of this process). */
  readonly emulator: EmulatorHome;
  /** Write a heap snapshot of the bot's thread after each round into this directory. */
  readonly heapSnapshots: string | undefined;
  /** Write a CPU profile of the bot's thread during the last round to this file. */
  readonly profile: string | undefined;
  /** The bot's REST connection limit, when not its default (to compare settings). */
  readonly restConnections: number | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = argv.includes('--quick');
  const level = value('log-level') ?? 'info';
  if (level !== 'info' && level !== 'silent' && level !== 'debug')
    throw new Error(`--log-level must be info, silent or debug (got ${level})`);
  const rounds = Number(value('rounds') ?? (quick ? 1 : 3));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  const only = value('only') ?? null;
  if (only !== null && only !== 'bursts' && only !== 'messages')
    throw new Error(`--only must be bursts or messages (got ${only})`);
  const restConnections = value('rest-connections');
  const emulator = value('emulator') ?? 'thread';
  if (emulator !== 'thread' && emulator !== 'process')
    throw new Error(`--emulator must be thread or process (got ${emulator})`);
  return {
    emulator,
    restConnections: restConnections === undefined ? undefined : Number(restConnections),
    profile: value('profile'),
    heapSnapshots: value('heap-snapshots'),
    only,
    json: argv.includes('--json'),
    rounds,
    logLevel: level,
    bursts: value('bursts')?.split(',').map(Number) ?? (quick ? [100, 500] : [100, 500, 2000]),
    messages: quick ? 2000 : 10_000,
    rate: 5000,
  };
}

// ---- the emulator worker ----

/** Where the emulator runs: a worker thread of this process, or a child process. */
type EmulatorHome = 'thread' | 'process';

/** The emulator's thread or process, and the replies it owes. */
class EmulatorWorker {
  private readonly worker: Worker | ChildProcess;
  /** Waiting for a reply of a type; removed once settled (a kept promise would keep its reply). */
  private readonly waiting: {
    type: Reply['type'];
    resolve: (r: Reply) => void;
    reject: (err: Error) => void;
  }[] = [];
  private failure: Error | null = null;

  constructor(readonly home: EmulatorHome) {
    const entry = new URL('./emulator-worker.mjs', import.meta.url);
    this.worker =
      home === 'thread'
        ? new Worker(entry)
        : fork(fileURLToPath(entry), [], {
            execArgv: ['--expose-gc'],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
    this.worker.on('message', (reply: Reply) => {
      if (reply.type === 'error') {
        this.fail(new Error(`emulator worker: ${reply.message}`));
        return;
      }
      const i = this.waiting.findIndex((w) => w.type === reply.type);
      const [waiter] = i >= 0 ? this.waiting.splice(i, 1) : [];
      waiter?.resolve(reply);
    });
    this.worker.on('error', (err) => this.fail(err));
  }

  private fail(err: Error): void {
    this.failure = err;
    for (const waiter of this.waiting.splice(0)) waiter.reject(err);
  }

  /** Waits for the next reply of a type. */
  next<T extends Reply['type']>(type: T): Promise<Extract<Reply, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ type, resolve: (r) => resolve(r as Extract<Reply, { type: T }>), reject });
    });
  }

  /** Sends a command and waits for the reply of `type`. */
  ask<T extends Reply['type']>(command: Command, type: T): Promise<Extract<Reply, { type: T }>> {
    const reply = this.next(type);
    if (this.worker instanceof Worker) this.worker.postMessage(command);
    else this.worker.send(command);
    return reply;
  }

  /** The child process's CPU time and RSS (process mode only). */
  childUsage(): { cpuMs: number; rssMb: number } {
    return otherProcess(this.worker instanceof Worker ? undefined : this.worker.pid);
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' }, 'closed').catch(() => undefined);
    if (this.worker instanceof Worker) await this.worker.terminate();
    else this.worker.kill();
  }
}

// ---- what the bot thread observes ----

/** When the bot finished each event (by Discord id), from `onHandled`. */
const handledAt = new Map<string, number>();
/** When the bot wrote each interaction callback to a socket (undici's sendHeaders), by interaction id. */
const callbackWrittenAt = new Map<string, number>();
let handledWaiter: { ids: Set<string>; left: number; resolve: () => void } | null = null;

function onHandled(event: HandledEvent): void {
  const at = clock();
  handledAt.set(event.id, at);
  if (handledWaiter?.ids.has(event.id)) {
    handledWaiter.left -= 1;
    if (handledWaiter.left === 0) handledWaiter.resolve();
  }
}

const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback/;
diagnosticsChannel.channel('undici:client:sendHeaders').subscribe((message) => {
  const path = (message as { request?: { path?: unknown } }).request?.path;
  if (typeof path !== 'string') return;
  const match = CALLBACK_PATH.exec(path);
  if (match?.[1]) callbackWrittenAt.set(match[1], clock());
});

/** Resolves when every id has been handled, or after `timeoutMs`. */
function waitHandled(ids: readonly string[], timeoutMs: number): Promise<void> {
  const pending = new Set(ids.filter((id) => !handledAt.has(id)));
  if (pending.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      handledWaiter = null;
      resolve();
    }, timeoutMs);
    handledWaiter = {
      ids: pending,
      left: pending.size,
      resolve: () => {
        clearTimeout(timer);
        handledWaiter = null;
        resolve();
      },
    };
  });
}

// ---- results ----

interface Cpu {
  /** The bot's thread (main thread: the bot, plus the bench's bookkeeping). */
  readonly botMs: number;
  /** The emulator's thread (the worker, or the child process's main thread). */
  readonly emulatorMs: number;
  /** Every thread of this process (adds V8's GC and compiler helper threads, libuv's pool). */
  readonly processMs: number;
}

interface BurstResult {
  readonly round: number;
  readonly size: number;
  readonly acknowledged: number;
  /** Dispatch -> callback recorded by the emulator (ms, emulator clock, whole ms). */
  readonly e2e: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Dispatch -> the bot wrote its callback request (ms, sub-ms clock). */
  readonly bot: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Callbacks refused as too late (10062) plus interactions never answered. */
  readonly missed: number;
  readonly late10062: number;
  readonly unanswered: number;
  readonly otherErrors: number;
  /** Share of the burst whose callback reached the emulator within 100 ms of dispatch (%). */
  readonly within100msPct: number;
  /** How long the emulator took to dispatch the burst. */
  readonly dispatchMs: number;
  /** First dispatch to last callback. */
  readonly spanMs: number;
  readonly cpu: Cpu;
}

interface MessagesResult {
  readonly round: number;
  readonly mode: 'flood' | 'paced';
  /** Messages a second the emulator was asked to send (null: as fast as it can). */
  readonly targetRate: number | null;
  readonly sent: number;
  readonly handled: number;
  /** First dispatched to last handled. */
  readonly spanMs: number;
  readonly perSecond: number;
  /** Share of the messages handled within 100 ms of their dispatch (%): no backlog means ~100. */
  readonly within100msPct: number;
  /** Dispatch -> handled (ms). */
  readonly lag: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly dispatchMs: number;
  readonly replies: number;
  readonly repliesToMentions: number;
  readonly refusedReplies: number;
  readonly cpu: Cpu;
}

interface MemoryPoint {
  readonly round: number;
  readonly when: 'rest' | 'after-bursts' | 'after-messages';
  /** Resident set of this process (bot, bench, tsx, and the emulator's worker unless it runs as a child), MB, after a full GC. */
  readonly rssMb: number;
  /** Of the RSS: anonymous memory (heaps, buffers) and mapped files (the node binary, libraries), MB. */
  readonly rssAnonMb?: number;
  readonly rssFileMb?: number;
  /** The bot thread's V8 heap in use, MB. */
  readonly botHeapMb: number;
  /** The bot thread's V8 heap as committed (what it holds from the system), external memory, MB. */
  readonly botHeapCommittedMb: number;
  readonly botExternalMb: number;
  /** Committed memory of each space of the bot thread's V8 heap, MB. */
  readonly botHeapSpacesMb: Record<string, number>;
  readonly emulatorHeapCommittedMb: number;
  /** The emulator process's RSS (with --emulator=process), MB. */
  readonly emulatorRssMb?: number;
  /** The emulator thread's V8 heap in use, MB. */
  readonly emulatorHeapMb: number;
  /** Discord.js caches the bot holds: users, members, channels, messages (summed over guilds/channels). */
  readonly caches: Record<string, number>;
}

const stats = (values: number[]) => {
  const sorted = values.sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted.at(-1) ?? 0, 2),
  };
};

// ---- the run ----

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) process.stderr.write('note: run with --expose-gc for memory figures after a GC\n');
  const progress = (line: string) => {
    if (!opts.json) process.stderr.write(`${line}\n`);
  };

  const emulator = new EmulatorWorker(opts.emulator);
  const started = await emulator.next('started');
  // The process before the bot's code is loaded: Node, tsx, the bench (and the emulator's worker).
  gc?.();
  const rssBeforeBotMb = round(process.memoryUsage().rss / 2 ** 20);
  const [
    { parseConfig },
    { loadPack },
    { DEFAULT_PACK_DIR },
    { startGatewayBot },
    { createEngineHolder },
    { createLogger },
    { fileUnansweredLog },
  ] = await Promise.all([
    import('../src/config.ts'),
    import('../src/data/load.ts'),
    import('../src/data/packs.ts'),
    import('../src/discord/bot.ts'),
    import('../src/engine/holder.ts'),
    import('../src/log.ts'),
    import('../src/ops/unanswered.ts'),
  ]);
  const config = parseConfig({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_BASE: started.apiBase,
    QA_CHANNEL_IDS: started.qaChannelId,
    LOG_LEVEL: opts.logLevel,
  });
  let logLines = 0;
  let logBytes = 0;
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.DISCORD_TOKEN],
    sink: {
      write: (line: string) => {
        logLines += 1;
        logBytes += line.length;
      },
    },
  });
  const engines = createEngineHolder(() => loadPack(DEFAULT_PACK_DIR));
  // Declined questions are appended to a file, as in production (main.ts), here a temporary one.
  const scratch = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const unanswered = fileUnansweredLog(join(scratch, 'unanswered.jsonl'));
  const bot = await startGatewayBot({
    config,
    engines,
    logger,
    unanswered,
    onHandled,
    ...(opts.restConnections === undefined ? {} : { tuning: { restConnections: opts.restConnections } }),
  });

  const cpuNow = () => ({ bot: threadCpuMs(), process: processCpuMs() });

  const memory = async (roundNo: number, when: MemoryPoint['when']): Promise<MemoryPoint> => {
    const emu = await emulator.ask({ type: 'memory' }, 'memory');
    gc?.();
    const m = process.memoryUsage();
    const client = bot.client;
    const caches: Record<string, number> = {
      users: client.users.cache.size,
      guilds: client.guilds.cache.size,
      channels: client.channels.cache.size,
      members: client.guilds.cache.reduce((n, g) => n + g.members.cache.size, 0),
      messages: client.channels.cache.reduce(
        (n, c) => n + ('messages' in c && c.messages ? c.messages.cache.size : 0),
        0,
      ),
    };
    const mb = (bytes: number) => round(bytes / 2 ** 20);
    return {
      round: roundNo,
      when,
      rssMb: mb(m.rss),
      ...rssParts(),
      botHeapMb: mb(m.heapUsed),
      botHeapCommittedMb: mb(m.heapTotal),
      botExternalMb: mb(m.external),
      botHeapSpacesMb: Object.fromEntries(
        getHeapSpaceStatistics().map((sp) => [sp.space_name, mb(sp.physical_space_size)]),
      ),
      emulatorHeapMb: round(emu.heapUsedMb),
      emulatorHeapCommittedMb: round(emu.heapTotalMb),
      ...(opts.emulator === 'process' ? { emulatorRssMb: round(emulator.childUsage().rssMb) } : {}),
      caches,
    };
  };

  const bursts: BurstResult[] = [];
  const streams: MessagesResult[] = [];
  const mem: MemoryPoint[] = [await memory(0, 'rest')];
  progress(`ready; rss at rest ${mem[0]?.rssMb} MB`);

  const runBurst = async (roundNo: number, size: number): Promise<BurstResult> => {
    callbackWrittenAt.clear();
    handledAt.clear();
    const c0 = cpuNow();
    const { result } = await emulator.ask(
      { type: 'burst', n: size, seed: roundNo * 7919 + size },
      'burst-done',
    );
    await waitHandled(
      result.outcomes.map((o) => o.id),
      5000,
    );
    const c1 = cpuNow();
    return summariseBurst(roundNo, size, result, {
      botMs: c1.bot - c0.bot,
      emulatorMs: result.emulatorCpuMs,
      processMs: c1.process - c0.process,
    });
  };

  const runMessages = async (roundNo: number, rate: number | null): Promise<MessagesResult> => {
    handledAt.clear();
    const c0 = cpuNow();
    const seed = roundNo * 104_729 + (rate ?? 0);
    const dispatched: MessagesDispatched = (
      await emulator.ask({ type: 'messages', n: opts.messages, seed, rate }, 'messages-dispatched')
    ).result;
    await waitHandled(dispatched.ids, 60_000);
    const collected: MessagesCollected = (
      await emulator.ask({ type: 'collect-messages' }, 'messages-collected')
    ).result;
    const c1 = cpuNow();
    const lags: number[] = [];
    let last = 0;
    dispatched.ids.forEach((id, i) => {
      const at = handledAt.get(id);
      if (at === undefined) return;
      lags.push(at - (dispatched.dispatchedAt[i] ?? at));
      last = Math.max(last, at);
    });
    const first = dispatched.dispatchedAt[0] ?? 0;
    const spanMs = last - first;
    return {
      round: roundNo,
      mode: rate === null ? 'flood' : 'paced',
      targetRate: rate,
      sent: dispatched.ids.length,
      handled: lags.length,
      spanMs: round(spanMs),
      perSecond: Math.round((lags.length / spanMs) * 1000),
      within100msPct: round(
        (100 * lags.filter((l) => l <= 100).length) / Math.max(1, dispatched.ids.length),
        2,
      ),
      lag: stats(lags),
      dispatchMs: round(dispatched.dispatchMs),
      replies: collected.replies,
      repliesToMentions: collected.repliesToMentions,
      refusedReplies: collected.refused,
      cpu: {
        botMs: c1.bot - c0.bot,
        emulatorMs: collected.emulatorCpuMs,
        processMs: c1.process - c0.process,
      },
    };
  };

  const t0 = Date.now();
  const machine0 = machineCpuMs();
  const process0 = processCpuMs();
  const child0 = emulator.childUsage().cpuMs;
  for (let r = 1; r <= opts.rounds; r++) {
    const profiling = opts.profile !== undefined && r === opts.rounds ? await startProfile() : null;
    for (const size of opts.only === 'messages' ? [] : opts.bursts) {
      const b = await runBurst(r, size);
      bursts.push(b);
      progress(
        `round ${r} burst ${size}: ${b.acknowledged} acknowledged, p50 ${b.e2e.p50} p99 ${b.e2e.p99} max ${b.e2e.max} ms, ${b.missed} missed`,
      );
    }
    mem.push(await memory(r, 'after-bursts'));
    for (const rate of opts.only === 'bursts' ? [] : [null, opts.rate]) {
      const m = await runMessages(r, rate);
      streams.push(m);
      progress(
        `round ${r} messages (${m.mode}): ${m.handled}/${m.sent} handled, ${m.perSecond}/s, lag p99 ${m.lag.p99} ms, ${m.replies} replies`,
      );
    }
    if (profiling && opts.profile) {
      await profiling.stop(opts.profile);
      progress(`wrote ${opts.profile}`);
    }
    mem.push(await memory(r, 'after-messages'));
    if (opts.heapSnapshots) {
      gc?.();
      writeHeapSnapshot(join(opts.heapSnapshots, `round${r}.heapsnapshot`));
    }
    progress(`round ${r} rss ${mem.at(-1)?.rssMb} MB`);
  }
  const elapsedS = (Date.now() - t0) / 1000;
  const machine1 = machineCpuMs();
  // What other processes ran meanwhile (the machine's busy time minus this process's), as a share of
  // the machine's capacity: anything but ~0 means the figures are skewed by contention.
  const otherLoad = {
    otherPct: round(
      (100 *
        (machine1.busyMs -
          machine0.busyMs -
          (processCpuMs() - process0) -
          (opts.emulator === 'process' ? emulator.childUsage().cpuMs - child0 : 0))) /
        (elapsedS * 1000 * cpus().length),
    ),
    stealPct: round((100 * (machine1.stealMs - machine0.stealMs)) / (elapsedS * 1000 * cpus().length)),
  };

  await bot.stop();
  await emulator.close();
  rmSync(scratch, { recursive: true, force: true });

  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    platform: `${process.platform} ${process.arch}`,
  };
  const report = {
    machine,
    settings: {
      rounds: opts.rounds,
      bursts: opts.bursts,
      messages: opts.messages,
      pacedRate: opts.rate,
      logLevel: opts.logLevel,
      restConnections: opts.restConnections ?? 'default',
      emulator: opts.emulator,
      ackDeadlineMs: ACK_DEADLINE_MS,
    },
    bursts,
    messages: streams,
    memory: mem,
    rssBeforeBotMb,
    otherLoad,
    log: { lines: logLines, bytes: logBytes },
    elapsedS: round(elapsedS),
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(table(report));
}

/** RssAnon and RssFile from /proc/self/status (Linux), MB. */
function rssParts(): { rssAnonMb?: number; rssFileMb?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssAnonMb: round(kb('RssAnon') / 1024), rssFileMb: round(kb('RssFile') / 1024) };
  } catch {
    return {};
  }
}

/** Starts the V8 profiler on this (the bot's) thread; `stop` writes the .cpuprofile. */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function summariseBurst(roundNo: number, size: number, raw: BurstRaw, cpu: Cpu): BurstResult {
  const e2e: number[] = [];
  const botSide: number[] = [];
  let acknowledged = 0;
  let late = 0;
  let unanswered = 0;
  let otherErrors = 0;
  let lastCallback = 0;
  for (const o of raw.outcomes) {
    if (o.callbackAtMs === null) {
      unanswered += 1;
      continue;
    }
    lastCallback = Math.max(lastCallback, o.callbackAtMs);
    e2e.push(o.callbackAtMs - o.dispatchedAtMs);
    const written = callbackWrittenAt.get(o.id);
    if (written !== undefined) botSide.push(written - o.dispatchedAt);
    if (o.status !== null && o.status < 300) acknowledged += 1;
    else if (o.code === 10062) late += 1;
    else otherErrors += 1;
  }
  const firstDispatch = raw.outcomes[0]?.dispatchedAtMs ?? 0;
  const within100msPct = round((100 * e2e.filter((l) => l <= 100).length) / Math.max(1, size), 2);
  return {
    round: roundNo,
    size,
    acknowledged,
    within100msPct,
    e2e: stats(e2e),
    bot: stats(botSide),
    missed: late + unanswered,
    late10062: late,
    unanswered,
    otherErrors,
    dispatchMs: round(raw.dispatchMs),
    spanMs: lastCallback - firstDispatch,
    cpu,
  };
}

// ---- the table ----

interface Report {
  readonly machine: { node: string; cpu: string; cpus: number; platform: string };
  readonly settings: { rounds: number; logLevel: string; pacedRate: number; emulator: EmulatorHome };
  readonly bursts: readonly BurstResult[];
  readonly messages: readonly MessagesResult[];
  readonly memory: readonly MemoryPoint[];
  readonly rssBeforeBotMb: number;
  readonly otherLoad: { otherPct: number; stealPct: number };
  readonly log: { lines: number; bytes: number };
  readonly elapsedS: number;
}

function table(report: Report): string {
  const us = (ms: number, n: number) => String(Math.round((ms * 1000) / Math.max(1, n)));
  const cpu = (c: Cpu, n: number) => `${us(c.botMs, n)} / ${us(c.emulatorMs, n)} / ${us(c.processMs, n)}`;
  const inThread = report.settings.emulator === 'thread';
  const rows: string[][] = [
    [
      'round',
      'phase',
      'events',
      'handled',
      'p50 ms',
      'p99 ms',
      'max ms',
      'bot p99 ms',
      'missed 3 s',
      'per s',
      '≤100 ms',
      'replies',
      `CPU µs/event: bot / emulator / ${inThread ? 'process' : 'bot process'}`,
    ],
  ];
  for (const b of report.bursts) {
    rows.push([
      String(b.round),
      `burst ${b.size}`,
      String(b.size),
      String(b.acknowledged),
      String(b.e2e.p50),
      String(b.e2e.p99),
      String(b.e2e.max),
      String(b.bot.p99),
      String(b.missed),
      String(Math.round((b.size / Math.max(1, b.spanMs)) * 1000)),
      `${b.within100msPct}%`,
      '',
      cpu(b.cpu, b.size),
    ]);
  }
  for (const m of report.messages) {
    rows.push([
      String(m.round),
      m.mode === 'flood' ? 'messages, flood' : `messages, ${m.targetRate}/s`,
      String(m.sent),
      String(m.handled),
      String(m.lag.p50),
      String(m.lag.p99),
      String(m.lag.max),
      '',
      '',
      String(m.perSecond),
      `${m.within100msPct}%`,
      String(m.replies),
      cpu(m.cpu, m.sent),
    ]);
  }
  const memRows: string[][] = [
    ['round', 'when', 'RSS MB', 'anon / files', 'bot heap used / committed', 'emulator heap', 'bot caches'],
    ...report.memory.map((p) => [
      String(p.round),
      p.when,
      String(p.rssMb),
      `${p.rssAnonMb ?? '?'} / ${p.rssFileMb ?? '?'}`,
      `${p.botHeapMb} / ${p.botHeapCommittedMb}`,
      `${p.emulatorHeapMb} / ${p.emulatorHeapCommittedMb}${p.emulatorRssMb === undefined ? '' : ` (RSS ${p.emulatorRssMb})`}`,
      Object.entries(p.caches)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ]),
  ];
  const m = report.machine;
  const o = report.otherLoad;
  return [
    `gateway bench: ${m.cpus} × ${m.cpu}, Node ${m.node}, ${m.platform}; emulator in ${inThread ? 'a worker thread of this process' : 'a child process'}; logging ${report.settings.logLevel}${report.settings.logLevel === 'silent' ? '' : ' into a null sink'} (${report.log.lines} lines); ${report.settings.rounds} rounds in ${report.elapsedS} s`,
    `other processes used ${o.otherPct}% of the machine meanwhile (steal ${o.stealPct}%)${o.otherPct > 5 ? ': figures skewed by contention' : ''}`,
    '',
    ...markdown(rows),
    '',
    'bursts: p50/p99/max from dispatch to the callback reaching the emulator; bot p99 from dispatch to the bot writing',
    '  its callback request; missed = answered 10062 after 3 s or never; per s = burst size / first dispatch to last callback.',
    "messages: p50/p99/max from dispatch to the bot's handler settling (for a reply, once its POST was answered);",
    `  per s = handled / first dispatch to last handled; ≤100 ms = share handled within 100 ms of dispatch.`,
    `CPU: the bot's thread, the emulator's ${inThread ? 'thread' : 'process'}, and ${inThread ? 'the whole process (adds V8 GC/JIT helper threads)' : "the bot's whole process"}.`,
    '',
    `memory after a full GC${inThread ? ' of both threads: RSS is the whole process (bot, emulator worker, tsx)' : ": RSS is the bot's process (bot, bench, tsx)"}; before the bot's code loaded: ${report.rssBeforeBotMb} MB`,
    ...markdown(memRows),
    '',
  ].join('\n');
}

await main();
