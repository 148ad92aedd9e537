/**
 * The HTTP-interactions front door on Node's own `node:http`: two routes (`POST /interactions`,
 * `GET /healthz`) need no framework, and the signature check needs the raw bytes, which `node:http`
 * hands over untouched. This file is the thin adapter: read the body within the limit, call the
 * pure handler, write its answer, log one line, then run the follow-up work.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from '@discordjs/rest';
import type { Config } from '../config.ts';
import type { EngineHolder } from '../engine/holder.ts';
import type { Logger } from '../log.ts';
import { noUnansweredLog, type UnansweredLog } from '../ops/unanswered.ts';
import { declaresTooLarge, readLimitedBody } from './body.ts';
import { type FollowUpDeps, lazyBotUserId, runAfterResponse } from './follow-up.ts';
import {
  createInteractionHandler,
  type InteractionHttpRequest,
  type InteractionHttpResponse,
  type InteractionLogFields,
  jsonResponse,
} from './handler.ts';
import { createReplayGuard } from './replay.ts';
import { publicKeyFromHex } from './signature.ts';

/** The routes this server has. */
export const ROUTES = Object.freeze({ interactions: '/interactions', health: '/healthz' });

/** A running server. */
export interface RunningHttpServer {
  readonly port: number;
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Stops accepting requests, lets in-flight requests and follow-up work finish, then resolves. */
  stop(): Promise<void>;
}

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  readonly config: Config;
  readonly engines: EngineHolder;
  readonly logger: Logger;
  /** Default `config.PORT`; 0 picks a free port (tests). */
  readonly port?: number;
  /** Default all interfaces (`::`/`0.0.0.0`); tests and the bench use `127.0.0.1`. */
  readonly host?: string;
  /** Where declined questions are kept (`npm run unanswered`); default nowhere. */
  readonly unanswered?: UnansweredLog;
}

/** On shutdown, connections still busy after this long are closed. */
const SHUTDOWN_GRACE_MS = 10_000;
/** On shutdown, follow-up work (pin, delete, edit) still running after this long is abandoned. */
const FOLLOW_UP_GRACE_MS = 20_000;

/**
 * Timeouts: a request has 10 s to arrive whole (Discord sends it at once and wants an answer in 3 s).
 * Idle keep-alive connections stay open 75 s, longer than the usual 60 s idle timeout of load
 * balancers and proxies, so the balancer closes them first and never reuses one the bot just closed.
 */
const SERVER_TIMEOUTS = Object.freeze({
  requestTimeout: 10_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 75_000,
});

/** The path of a request URL, without its query; bounded for the log. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  return path.slice(0, 200);
}

function answer(res: ServerResponse, reply: InteractionHttpResponse, closeAfter: boolean): void {
  const headers: Record<string, string | number> = {
    ...reply.headers,
    'content-length': Buffer.byteLength(reply.body),
  };
  if (closeAfter) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/**
 * The REST client for follow-up work (api = DISCORD_API_BASE), with the bot token when configured,
 * and whether pinning and deleting are available: they need the token and the application id.
 */
function restFor(config: Config, logger: Logger): { readonly rest: REST; readonly available: boolean } {
  const rest = new REST({ api: config.DISCORD_API_BASE, version: '10' });
  if (!config.DISCORD_TOKEN) return { rest, available: false };
  rest.setToken(config.DISCORD_TOKEN);
  if (!config.DISCORD_APPLICATION_ID) {
    logger.warn(
      'DISCORD_TOKEN is set without DISCORD_APPLICATION_ID: pinning and deleting are off in HTTP mode.',
    );
    return { rest, available: false };
  }
  return { rest, available: true };
}

/** An HTTP answer, and whether to close the connection after it (a refused oversized body). */
interface Routed {
  readonly reply: InteractionHttpResponse;
  readonly close: boolean;
}

/** Routes one request: health check, 404/405, size limit, then the interaction handler. */
async function routeRequest(
  req: IncomingMessage,
  handle: (request: InteractionHttpRequest) => InteractionHttpResponse,
  engines: EngineHolder,
): Promise<Routed> {
  const path = pathOf(req.url);
  const method = req.method ?? 'GET';
  if (path === ROUTES.health) {
    if (method !== 'GET' && method !== 'HEAD') return { reply: notAllowed('GET, HEAD'), close: false };
    return { reply: jsonResponse(200, { status: 'ok', pack: engines.current().kb.id }), close: false };
  }
  if (path !== ROUTES.interactions) return { reply: jsonResponse(404, { error: 'not found' }), close: false };
  if (method !== 'POST') return { reply: notAllowed('POST'), close: false };
  if (declaresTooLarge(req.headers['content-length'])) {
    return { reply: tooLarge({ problem: 'body too large', bytesRead: 0 }), close: true };
  }
  const read = await readLimitedBody(req);
  if (read.ok)
    return { reply: handle({ headers: req.headers, body: read.body, now: Date.now() }), close: false };
  const log = {
    problem: `body ${read.reason === 'too-large' ? 'too large' : 'aborted'}`,
    bytesRead: read.bytesRead,
  };
  const reply =
    read.reason === 'too-large' ? tooLarge(log) : jsonResponse(400, { error: 'body aborted' }, log);
  return { reply, close: true };
}

/** Resolves true when every promise settled within `ms`, false when time ran out first. */
async function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = Promise.allSettled(promises).then(() => true);
  const outcome = await Promise.race([done, late]);
  clearTimeout(timer);
  return outcome;
}

/**
 * Starts the HTTP-interactions server. Throws if DISCORD_PUBLIC_KEY is missing (the caller turns
 * that into a configuration error). Replicas started from the same configuration answer any
 * request identically.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const { config, engines, logger } = opts;
  if (!config.DISCORD_PUBLIC_KEY) throw new Error('DISCORD_PUBLIC_KEY is required in HTTP mode.');
  const { rest, available } = restFor(config, logger);
  const handle = createInteractionHandler({
    publicKey: publicKeyFromHex(config.DISCORD_PUBLIC_KEY),
    engines,
    restAvailable: available,
    replays: createReplayGuard(),
  });
  const followUpDeps: FollowUpDeps = { rest, engines, logger, botUserId: lazyBotUserId(rest) };
  const unanswered = opts.unanswered ?? noUnansweredLog;
  const pending = new Set<Promise<void>>();
  let closing = false;

  const server = createServer(SERVER_TIMEOUTS, (req, res) => {
    const started = performance.now();
    req.on('error', () => {}); // a client that resets mid-body must not crash the process
    routeRequest(req, handle, engines).then(
      ({ reply, close }) => {
        answer(res, reply, close || closing);
        if (close) res.once('finish', () => req.socket.destroy());
        const ms = Math.round((performance.now() - started) * 100) / 100;
        logRequest(
          logger,
          { method: req.method ?? '', path: pathOf(req.url), status: reply.status, ms },
          reply.log,
        );
        if (reply.declined) unanswered.record(reply.declined.question, reply.declined.result, 'http');
        if (reply.effect) {
          const work = runAfterResponse(reply.effect, followUpDeps).finally(() => pending.delete(work));
          pending.add(work);
        }
      },
      (err: unknown) => {
        // Only a bug gets here: bad input is answered by the handler.
        logger.error({ err, method: req.method, path: pathOf(req.url) }, 'request failed');
        if (!res.headersSent) answer(res, jsonResponse(500, { error: 'internal error' }), true);
        else res.destroy();
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config.PORT, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  return {
    port: address.port,
    url: `http://${urlHost(address)}:${address.port}`,
    async stop() {
      closing = true;
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(grace);
      if (!(await settledWithin([...pending], FOLLOW_UP_GRACE_MS))) {
        logger.warn({ abandoned: pending.size }, 'stopped with follow-up work unfinished');
      }
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

/** The host part of the server's URL; `localhost` when it listens on every interface. */
function urlHost(address: AddressInfo): string {
  if (address.address === '::' || address.address === '0.0.0.0') return 'localhost';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

function notAllowed(allow: string): InteractionHttpResponse {
  const reply = jsonResponse(405, { error: 'method not allowed' });
  return { ...reply, headers: { ...reply.headers, allow } };
}

function tooLarge(log: InteractionLogFields): InteractionHttpResponse {
  return jsonResponse(413, { error: 'body too large' }, log);
}

/** Writes the one log line of a request: never a token, never the body. */
function logRequest(
  logger: Logger,
  request: { readonly method: string; readonly path: string; readonly status: number; readonly ms: number },
  fields: InteractionLogFields,
): void {
  const { error, ...rest } = fields;
  const entry = { ...request, ...rest };
  if (error !== undefined) logger.error({ ...entry, err: error }, 'request');
  else logger.info(entry, 'request');
}
