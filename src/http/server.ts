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
import { declaresTooLarge, readLimitedBody } from './body.ts';
import { lazyBotUserId, runAfterResponse } from './follow-up.ts';
import {
  createInteractionHandler,
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
}

/** Closing a keep-alive connection that is still busy after this long on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

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

/** The REST client for follow-up work, when a bot token and application id are configured. */
function restFor(config: Config, logger: Logger): REST | undefined {
  if (!config.DISCORD_TOKEN) return undefined;
  if (!config.DISCORD_APPLICATION_ID) {
    logger.warn('DISCORD_TOKEN is set without DISCORD_APPLICATION_ID: /summary cannot pin in HTTP mode.');
    return undefined;
  }
  return new REST({ api: config.DISCORD_API_BASE, version: '10' }).setToken(config.DISCORD_TOKEN);
}

/**
 * Starts the HTTP-interactions server. Throws if DISCORD_PUBLIC_KEY is missing (the caller turns
 * that into a configuration error). Replicas started from the same configuration answer any
 * request identically.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const { config, engines, logger } = opts;
  if (!config.DISCORD_PUBLIC_KEY) throw new Error('DISCORD_PUBLIC_KEY is required in HTTP mode.');
  const rest = restFor(config, logger);
  const handle = createInteractionHandler({
    publicKey: publicKeyFromHex(config.DISCORD_PUBLIC_KEY),
    engines,
    restAvailable: rest !== undefined,
    replays: createReplayGuard(),
  });
  const followUpDeps = {
    rest,
    applicationId: config.DISCORD_APPLICATION_ID,
    botUserId: rest ? lazyBotUserId(rest) : () => Promise.reject(new Error('no REST client')),
    logger,
  };
  const pending = new Set<Promise<void>>();
  let closing = false;

  const respond = async (
    req: IncomingMessage,
  ): Promise<{ reply: InteractionHttpResponse; close: boolean }> => {
    const path = pathOf(req.url);
    const method = req.method ?? 'GET';
    if (path === ROUTES.health) {
      if (method !== 'GET' && method !== 'HEAD') return { reply: notAllowed('GET, HEAD'), close: false };
      return { reply: jsonResponse(200, { status: 'ok', pack: engines.current().kb.id }), close: false };
    }
    if (path !== ROUTES.interactions)
      return { reply: jsonResponse(404, { error: 'not found' }), close: false };
    if (method !== 'POST') return { reply: notAllowed('POST'), close: false };
    if (declaresTooLarge(req.headers['content-length'])) {
      return { reply: tooLarge({ problem: 'body too large', bytesRead: 0 }), close: true };
    }
    const read = await readLimitedBody(req);
    if (!read.ok) {
      const reply =
        read.reason === 'too-large'
          ? tooLarge({ problem: 'body too large', bytesRead: read.bytesRead })
          : jsonResponse(
              400,
              { error: 'body aborted' },
              { problem: 'body aborted', bytesRead: read.bytesRead },
            );
      return { reply, close: true };
    }
    return { reply: handle({ headers: req.headers, body: read.body, now: Date.now() }), close: false };
  };

  const server = createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    const started = performance.now();
    req.on('error', () => {}); // a client that resets mid-body must not crash the process
    void respond(req).then(
      ({ reply, close }) => {
        answer(res, reply, close || closing);
        if (close) res.once('finish', () => req.socket.destroy());
        logRequest(logger, {
          method: req.method ?? '',
          path: pathOf(req.url),
          status: reply.status,
          ms: Math.round((performance.now() - started) * 100) / 100,
          fields: reply.log,
        });
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

  const port = opts.port ?? config.PORT;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = urlHost(address);

  return {
    port: address.port,
    url: `http://${host}:${address.port}`,
    async stop() {
      closing = true;
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(grace);
      await Promise.allSettled([...pending]);
      rest?.clearHashSweeper();
      rest?.clearHandlerSweeper();
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
  line: {
    readonly method: string;
    readonly path: string;
    readonly status: number;
    readonly ms: number;
    readonly fields: InteractionLogFields;
  },
): void {
  const { error, ...fields } = line.fields;
  const entry = { method: line.method, path: line.path, status: line.status, ms: line.ms, ...fields };
  if (error !== undefined) logger.error({ ...entry, err: error }, 'request');
  else logger.info(entry, 'request');
}
