/**
 * `npm run bench:http [-- --requests N] [-- --json]`: load test of the HTTP-interactions endpoint.
 *
 * Starts one server process on loopback (a child process, so the load generator does not share its
 * event loop), pre-signs a realistic mix of distinct interactions (/results, /margin, /platform,
 * /ask with varied questions, autocomplete, PING) with a generated key pair, and fires them with
 * autocannon at several concurrencies. Every request is a different interaction (its own id, so
 * its own signature), as Discord's traffic is: the replay guard stays on and refuses nothing, and
 * each level is signed just before it runs, well inside the 5-minute window. Also measures the
 * signature check alone and the whole handler without HTTP, so the cost of the crypto is visible,
 * and, as a reference for what the machine itself allows, a bare node:http server that answers
 * `{"type":1}` without checking anything, at 100 connections.
 *
 * The server logs one line per request as in production, into a sink that discards it: formatting
 * and redaction are measured, the write to stdout is not. Latencies are taken per response from
 * autocannon's `response` events (autocannon's own histogram keeps whole milliseconds). Exits 1 if
 * any request failed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parseConfig } from '../config.ts';
import { loadPack } from '../data/load.ts';
import { DEFAULT_PACK_DIR } from '../data/packs.ts';
import { createEngineHolder } from '../engine/holder.ts';
import { createInteractionHandler } from '../http/handler.ts';
import { rawPublicKeyHex } from '../http/sample-interactions.ts';
import { startHttpServer } from '../http/server.ts';
import { publicKeyFromHex, readSignatureHeaders, verifySignature } from '../http/signature.ts';
import { createLogger } from '../log.ts';
import {
  type LevelResult,
  percentile,
  type SignedRequest,
  signMix,
  TARGET,
  targetMet,
} from './bench-http-mix.ts';

const DEFAULT_REQUESTS = 20_000;
const CONCURRENCIES = [1, 10, 100] as const;
const WARM_UP_REQUESTS = 3_000;
const MICRO_ITERATIONS = 20_000;

/** Figures for a loop of one operation in process. */
export interface MicroResult {
  readonly iterations: number;
  readonly perSecond: number;
  readonly microsecondsEach: number;
}

/** Fires `pool` at the server with autocannon; each request is used once. */
async function runLevel(
  url: string,
  connections: number,
  amount: number,
  pool: SignedRequest[],
): Promise<LevelResult> {
  let cursor = 0;
  const times: number[] = [];
  const started = performance.now();
  let lastResponseAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/interactions`,
        connections,
        amount,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/interactions',
            setupRequest: (req) => {
              const next = pool[cursor] ?? pool[pool.length - 1];
              cursor += 1;
              return next ? { ...req, headers: next.headers, body: next.body } : req;
            },
          },
        ],
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
      lastResponseAt = performance.now();
    });
  });
  if (cursor > pool.length)
    throw new Error(`the pool of ${pool.length} signed requests ran out (${cursor} used)`);
  // autocannon ends a run on its once-a-second tick, so its duration is whole seconds: the rate is
  // measured here, from the start to the last response.
  const seconds = (lastResponseAt - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times.at(-1) ?? Number.NaN),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function micro(iterations: number, run: (i: number) => void): MicroResult {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run(i);
  const ns = Number(process.hrtime.bigint() - started);
  return {
    iterations,
    perSecond: Math.round(iterations / (ns / 1e9)),
    microsecondsEach: round(ns / 1000 / iterations, 1),
  };
}

/** The signature check alone over realistic bodies, and the whole handler without HTTP. */
function measureInProcess(
  privateKey: KeyObject,
  publicKeyHex: string,
): { verify: MicroResult; handler: MicroResult } {
  const key = publicKeyFromHex(publicKeyHex);
  const signedBodies = signMix(privateKey, MICRO_ITERATIONS, 900_000_000_000_000_000n);
  const parsed = signedBodies.map((r) => {
    const h = readSignatureHeaders(r.headers);
    if (!h.ok) throw new Error(h.problem);
    return { headers: h.value, body: r.body };
  });
  let failures = 0;
  const verify = micro(MICRO_ITERATIONS, (i) => {
    const r = parsed[i];
    if (!r || !verifySignature(key, r.headers, r.body)) failures += 1;
  });
  if (failures > 0) throw new Error(`${failures} signatures failed to verify`);
  const handle = createInteractionHandler({
    publicKey: key,
    engines: createEngineHolder(() => loadPack(DEFAULT_PACK_DIR)),
    restAvailable: false,
  });
  const now = Date.now();
  const handler = micro(MICRO_ITERATIONS, (i) => {
    const r = signedBodies[i];
    if (r && handle({ headers: r.headers, body: r.body, now }).status !== 200) failures += 1;
  });
  if (failures > 0) throw new Error(`${failures} requests were not answered 200`);
  return { verify, handler };
}

/** Starts a server in a child process (the bot's, or the bare reference); resolves with its URL. */
function startServerProcess(
  role: '--serve' | '--serve-bare',
  publicKeyHex: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), [role], {
    env: { ...process.env, DISCORD_PUBLIC_KEY: publicKeyHex },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: unknown) => {
      if (
        typeof message === 'object' &&
        message !== null &&
        'url' in message &&
        typeof message.url === 'string'
      ) {
        resolve({ child, url: message.url });
      } else reject(new Error('the server process did not report its URL'));
    });
    child.once('exit', (code) => reject(new Error(`the server process exited with code ${code}`)));
  });
}

/** Child side: one server on loopback, logging at info level into a sink that discards the lines. */
async function serve(): Promise<void> {
  const config = parseConfig({ DISCORD_PUBLIC_KEY: process.env.DISCORD_PUBLIC_KEY, LOG_LEVEL: 'info' });
  const logger = createLogger({ level: 'info', sink: { write: () => {} } });
  const engines = createEngineHolder(() => loadPack(DEFAULT_PACK_DIR));
  const server = await startHttpServer({ config, engines, logger, port: 0, host: '127.0.0.1' });
  process.send?.({ url: server.url });
  process.once('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
}

/** Child side of the reference: node:http reading the body and answering a constant, no checks. */
async function serveBare(): Promise<void> {
  const pong = JSON.stringify({ type: 1 });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': pong.length });
      res.end(pong);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.send?.({ url: `http://127.0.0.1:${port}` });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

const row = (cells: readonly (string | number)[]): string =>
  cells.map((c, i) => String(c).padStart(i === 0 ? 11 : 10)).join(' ');

const levelRow = (l: LevelResult): string =>
  row([
    l.connections,
    l.requests,
    l.requestsPerSecond,
    l.p50Ms.toFixed(2),
    l.p99Ms.toFixed(2),
    l.maxMs.toFixed(2),
    l.errors,
  ]);

function formatTable(
  machine: {
    readonly cpus: number;
    readonly model: string;
    readonly node: string;
    readonly loadAverage1m: number;
  },
  perLevel: number,
  levels: readonly LevelResult[],
  inProcess: { verify: MicroResult; handler: MicroResult },
  baseline: LevelResult,
): string {
  return [
    `HTTP interactions bench: ${perLevel.toLocaleString('en-US')} distinct signed requests per level, one server process on loopback`,
    `Machine: ${machine.cpus} × ${machine.model}, Node ${machine.node}, load average ${machine.loadAverage1m} at the start`,
    '',
    row(['connections', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors']),
    ...levels.map(levelRow),
    '',
    'Reference, same machine and moment: bare node:http answering {"type":1}, no checks',
    levelRow(baseline),
    '',
    `Signature verification alone: ${inProcess.verify.iterations.toLocaleString('en-US')} verifications, ${inProcess.verify.perSecond.toLocaleString('en-US')}/s, ${inProcess.verify.microsecondsEach} µs each`,
    `Handler alone (signature check, parse, route, JSON; no HTTP): ${inProcess.handler.perSecond.toLocaleString('en-US')}/s, ${inProcess.handler.microsecondsEach} µs each`,
    `Target (no errors, p99 < ${TARGET.p99Ms} ms at ${TARGET.connections} connections): ${targetMet(levels) ? 'met' : 'NOT met'}`,
  ].join('\n');
}

function numberArg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive whole number`);
  return value;
}

async function main(args: readonly string[]): Promise<void> {
  const json = args.includes('--json');
  const perLevel = numberArg(args, '--requests', DEFAULT_REQUESTS);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = rawPublicKeyHex(publicKey);
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown CPU',
    node: process.version,
    // Other work on the machine skews every figure; the load average at the start says how much.
    loadAverage1m: round(loadavg()[0] ?? 0),
  };
  const log = (line: string) => {
    if (!json) process.stderr.write(`${line}\n`);
  };

  log('Measuring signature verification and the handler in process…');
  const inProcess = measureInProcess(privateKey, publicKeyHex);

  let nextId = 800_000_000_000_000_000n;
  const signLevel = (amount: number, connections: number): SignedRequest[] => {
    // autocannon builds one request per connection ahead; a margin keeps every request distinct.
    const pool = signMix(privateKey, amount + 2 * connections + 100, nextId);
    nextId += BigInt(pool.length);
    return pool;
  };

  const levels: LevelResult[] = [];
  const bot = await startServerProcess('--serve', publicKeyHex);
  try {
    log(`Warming up (${WARM_UP_REQUESTS} requests)…`);
    await runLevel(bot.url, 10, WARM_UP_REQUESTS, signLevel(WARM_UP_REQUESTS, 10));
    for (const connections of CONCURRENCIES) {
      log(`${connections} connection(s): signing ${perLevel} requests, then firing them…`);
      levels.push(await runLevel(bot.url, connections, perLevel, signLevel(perLevel, connections)));
    }
  } finally {
    bot.child.kill('SIGTERM');
  }

  log('Reference: a bare node:http server at 100 connections…');
  const bare = await startServerProcess('--serve-bare', publicKeyHex);
  let baseline: LevelResult;
  try {
    await runLevel(bare.url, 10, WARM_UP_REQUESTS, signLevel(WARM_UP_REQUESTS, 10));
    baseline = await runLevel(
      bare.url,
      TARGET.connections,
      perLevel,
      signLevel(perLevel, TARGET.connections),
    );
  } finally {
    bare.child.kill('SIGTERM');
  }

  if (json) {
    const target = { ...TARGET, met: targetMet(levels) };
    process.stdout.write(
      `${JSON.stringify({ machine, requestsPerLevel: perLevel, levels, ...inProcess, baseline, target })}\n`,
    );
  } else {
    process.stdout.write(`${formatTable(machine, perLevel, levels, inProcess, baseline)}\n`);
  }
  const failed = levels.some((l) => l.errors > 0);
  if (failed) process.exitCode = 1;
}

const argv = process.argv.slice(2);
if (argv.includes('--serve')) await serve();
else if (argv.includes('--serve-bare')) await serveBare();
else await main(argv);
