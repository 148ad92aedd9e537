/**
 * The emulator's HTTP side: reads and parses each request (JSON or multipart with `payload_json`),
 * applies injected faults, checks Authorization, routes to a handler under `/api/v10`, answers JSON,
 * and records the exchange. WebSocket upgrades on `/gateway` go to the gateway.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, Errors, genericError } from './errors.ts';
import { type FaultBook, faultAnswer } from './faults.ts';
import type { Gateway } from './gateway.ts';
import { isRecord } from './limits.ts';
import type { Recorder } from './recorder.ts';
import { routes } from './rest.ts';
import type { RestAnswer, RestContext, RestSettings, Route } from './rest-context.ts';
import type { EmulatorState } from './state.ts';
import type { FaultSpec, RecordedFile, RecordedRequest } from './types.ts';

/** The API version prefix discord.js uses. */
const API_PREFIX = '/api/v10';

/** What the HTTP layer needs from the emulator. */
export interface ServerDeps {
  state: EmulatorState;
  gateway: Gateway;
  faults: FaultBook;
  requests: Recorder<RecordedRequest>;
  settings: () => RestSettings;
  rejectToken: string | undefined;
  /** Aborted when the emulator closes, to cut short delayed answers. */
  signal: AbortSignal;
}

/** Creates the HTTP server (not yet listening). */
export function createEmulatorServer(deps: ServerDeps): Server {
  let seq = 0;
  const server = createServer((request, response) => {
    seq += 1;
    handle(deps, seq, request, response).catch((error: unknown) => {
      if (!response.headersSent) writeJson(response, 500, { code: 0, message: String(error) }, {});
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/gateway') deps.gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  return server;
}

/** A parsed request body. */
interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Parses JSON, or multipart/form-data whose `payload_json` part is the JSON body and whose files are listed. */
async function parseBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/** A route matching the path, with its decoded parameters. */
interface Match {
  route: Route;
  params: Record<string, string>;
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/** The first route for the method and path; `methodMismatch` when only other methods match the path. */
function findRoute(method: string, path: string): Match | 'methodMismatch' | undefined {
  const segments = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? 'methodMismatch' : undefined;
}

function decodePath(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function isAuthorized(headers: Record<string, string>, rejectToken: string | undefined): boolean {
  const match = /^Bot (\S+)$/.exec(headers.authorization ?? '');
  return match !== null && match[1] !== rejectToken;
}

function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  if (response.writableEnded || response.destroyed) return;
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

/** Handles one request end to end and records it. */
async function handle(
  deps: ServerDeps,
  seq: number,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const at = Date.now();
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = headerRecord(request);
  const record: RecordedRequest = {
    seq,
    method,
    path: decodePath(
      url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname,
    ),
    rawPath: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: undefined,
    files: [],
    status: 0,
    response: undefined,
    responseHeaders: {},
    faulted: false,
    createsMessage: false,
    editsMessage: false,
    allowedMentions: undefined,
    at,
    answeredAt: 0,
  };
  const answer = await answerRequest(deps, record, request, url);
  record.status = answer.status;
  record.response = answer.body;
  record.responseHeaders = answer.headers ?? {};
  record.answeredAt = Date.now();
  writeJson(response, answer.status, answer.body, answer.headers ?? {});
  deps.requests.push(record);
}

/** Computes the answer: fault, parse error, routing/auth error, or the handler's answer. */
async function answerRequest(
  deps: ServerDeps,
  record: RecordedRequest,
  request: IncomingMessage,
  url: URL,
): Promise<RestAnswer> {
  const raw = await readRaw(request);
  try {
    const parsed = await parseBody(raw, record.headers['content-type'] ?? '');
    record.body = parsed.body;
    record.files = parsed.files;
  } catch {
    return errorAnswer(new ApiError(400, 50109, 'The request body contains invalid JSON.'));
  }
  const fault = deps.faults.take(record.method, record.path);
  if (fault) {
    const faulted = await applyFault(deps, fault, record);
    if (faulted) return faulted;
  }
  try {
    return await route(deps, record, url);
  } catch (error) {
    if (error instanceof ApiError) return errorAnswer(error);
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { code: 0, message: '500: Internal Server Error', emulator_error: message } };
  }
}

/** Waits out a fault's delay, then returns its answer (or undefined to answer normally). */
async function applyFault(
  deps: ServerDeps,
  fault: FaultSpec,
  record: RecordedRequest,
): Promise<RestAnswer | undefined> {
  if (fault.delayMs !== undefined && fault.delayMs > 0) {
    await sleep(fault.delayMs, undefined, { signal: deps.signal }).catch(() => undefined);
  }
  if (fault.status === undefined) return undefined;
  record.faulted = true;
  return faultAnswer({ ...fault, status: fault.status });
}

function errorAnswer(error: ApiError): RestAnswer {
  return { status: error.status, body: error.toBody() };
}

async function route(deps: ServerDeps, record: RecordedRequest, url: URL): Promise<RestAnswer> {
  if (!record.rawPath.startsWith(`${API_PREFIX}/`)) throw genericError(404);
  const match = findRoute(record.method, record.path);
  if (match === undefined) throw Errors.notFound();
  if (match === 'methodMismatch') throw Errors.methodNotAllowed();
  if (match.route.auth && !isAuthorized(record.headers, deps.rejectToken)) throw Errors.unauthorized();
  const ctx: RestContext = {
    state: deps.state,
    settings: deps.settings(),
    params: match.params,
    query: url.searchParams,
    body: record.body,
    files: record.files,
    receivedAt: record.at,
    noteMessage(kind, payload) {
      record.createsMessage = kind === 'create';
      record.editsMessage = kind === 'edit';
      record.allowedMentions = isRecord(payload) ? payload.allowed_mentions : undefined;
    },
    emit(t, d, intents) {
      deps.gateway.dispatchIfSubscribed(t, d, intents);
    },
  };
  return match.route.handler(ctx);
}
