/**
 * One signed HTTP interaction in, one HTTP answer out: headers and raw bytes are checked (shape,
 * timestamp window, Ed25519 signature, replay) before the body is parsed, then the shared router
 * answers. Pure apart from the signature check and the replay guard; no sockets, no REST, so every
 * rule is unit-tested with plain buffers. The work Discord's answer cannot carry (pinning, deleting,
 * logging feedback) comes back as an {@link AfterResponse} for the server to run once it answered.
 */
import type { KeyObject } from 'node:crypto';
import { type APIInteraction, type APIInteractionResponse, InteractionType } from 'discord-api-types/v10';
import type { CommandEffect, DeclinedQuestion } from '../commands/types.ts';
import type { EngineHolder } from '../engine/holder.ts';
import { type EffectTarget, effectTarget, initialResponse } from '../interactions/effects.ts';
import {
  failureResponse,
  privateResponse,
  type RoutedInteraction,
  routeInteraction,
  UnsupportedInteraction,
} from '../interactions/router.ts';
import { TEXT } from '../replies/strings.ts';
import { MAX_BODY_BYTES } from './body.ts';
import type { ReplayGuard } from './replay.ts';
import { isFresh, readSignatureHeaders, SIGNATURE_WINDOW_SECONDS, verifySignature } from './signature.ts';

/**
 * Work to run after the inline answer, with the shared effect runner (`interactions/effects.ts`).
 * `target.token` is the interaction token, a credential for 15 minutes: it is never logged (the
 * logger also redacts any `token` field).
 */
export interface AfterResponse {
  readonly effect: CommandEffect;
  readonly target: EffectTarget;
}

/** What the request log line says about the interaction (never its token). */
export interface InteractionLogFields {
  readonly interactionId?: string;
  readonly interactionType?: string | number;
  readonly command?: string;
  /** Why a request was refused, or the user error a command answered with. */
  readonly problem?: string;
  /** An unexpected error, already answered with a generic message. */
  readonly error?: unknown;
  /** For a refused body: how many bytes were read before refusing it. */
  readonly bytesRead?: number;
}

/** The HTTP answer to one request. */
export interface InteractionHttpResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly effect?: AfterResponse;
  /** A question the bot declined, for the unanswered-questions log. */
  readonly declined?: DeclinedQuestion;
  readonly log: InteractionLogFields;
}

/** One POST to the interactions endpoint, as bytes. */
export interface InteractionHttpRequest {
  /** Request headers with lower-case names, as Node delivers them. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body, exactly as received. */
  readonly body: Buffer;
  /** The current time in ms since the epoch. */
  readonly now: number;
}

/** What the handler needs. Nothing in it makes two replicas answer a first-seen request differently. */
export interface InteractionHandlerDeps {
  /** The application's public key (see `publicKeyFromHex`). */
  readonly publicKey: KeyObject;
  readonly engines: EngineHolder;
  /** Whether follow-up work through the REST API is possible (bot token and application id set). */
  readonly restAvailable: boolean;
  /** Refuses exact replays on this process; omit to accept them (the window still applies). */
  readonly replays?: ReplayGuard;
  readonly windowSeconds?: number;
  /** The router; tests substitute a spy. */
  readonly route?: typeof routeInteraction;
}

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });

const TYPE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  [InteractionType.Ping]: 'ping',
  [InteractionType.ApplicationCommand]: 'command',
  [InteractionType.MessageComponent]: 'component',
  [InteractionType.ApplicationCommandAutocomplete]: 'autocomplete',
  [InteractionType.ModalSubmit]: 'modal',
});

/** A JSON answer. */
export function jsonResponse(
  status: number,
  body: unknown,
  log: InteractionLogFields = {},
  effect?: AfterResponse,
): InteractionHttpResponse {
  return { status, body: JSON.stringify(body), headers: JSON_HEADERS, log, ...(effect ? { effect } : {}) };
}

function refuse(status: number, problem: string, log: InteractionLogFields = {}): InteractionHttpResponse {
  return jsonResponse(status, { error: problem }, { ...log, problem });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a parsed body has the shape the router relies on: a numeric type, an id and a token,
 * and a `data` object for commands, components and autocomplete. Other types pass, so the router
 * can name them unsupported.
 */
export function isInteraction(value: unknown): value is APIInteraction {
  if (!isRecord(value)) return false;
  if (typeof value.type !== 'number' || typeof value.id !== 'string' || typeof value.token !== 'string') {
    return false;
  }
  const needsData =
    value.type === InteractionType.ApplicationCommand ||
    value.type === InteractionType.MessageComponent ||
    value.type === InteractionType.ApplicationCommandAutocomplete;
  return !needsData || isRecord(value.data);
}

/**
 * What HTTP mode answers inline, and the effect to run afterwards. With REST (bot token and
 * application id configured) it is what the gateway bot does (`initialResponse`: the summary is
 * deferred, the rest answered at once). Without, pinning and deleting are answered as not available
 * here, the summary still shown privately. A pack reload is refused in this mode either way: one
 * replica reloading would make replicas answer differently.
 */
export function planEffect(
  interaction: APIInteraction,
  routed: RoutedInteraction,
  restAvailable: boolean,
): { readonly response: APIInteractionResponse; readonly effect?: AfterResponse } {
  const effect = routed.effect;
  if (!effect) return { response: routed.response };
  if (effect.kind === 'reload-pack') return { response: privateResponse(TEXT.reloadUnavailable) };
  if (!restAvailable && effect.kind === 'pin-summary') {
    return { response: privateResponse(TEXT.summaryNotPinned, effect.message.embeds) };
  }
  if (!restAvailable && effect.kind === 'delete-message') {
    return { response: privateResponse(TEXT.deleteUnavailable) };
  }
  return { response: initialResponse(routed), effect: { effect, target: effectTarget(interaction) } };
}

/** Checks the request's signature headers and bytes; returns a refusal, or undefined when it may be read. */
function checkSignedRequest(
  deps: InteractionHandlerDeps,
  request: InteractionHttpRequest,
): InteractionHttpResponse | undefined {
  if (request.body.length > MAX_BODY_BYTES) return refuse(413, 'body too large');
  const headers = readSignatureHeaders(request.headers);
  if (!headers.ok) return refuse(401, headers.problem);
  const windowSeconds = deps.windowSeconds ?? SIGNATURE_WINDOW_SECONDS;
  if (!isFresh(headers.value.seconds, request.now, windowSeconds))
    return refuse(401, 'timestamp outside the window');
  if (!verifySignature(deps.publicKey, headers.value, request.body))
    return refuse(401, 'invalid request signature');
  const expiresAt = (headers.value.seconds + windowSeconds) * 1000;
  if (
    deps.replays &&
    !deps.replays.firstSighting(headers.value.signature.toString('hex'), expiresAt, request.now)
  ) {
    return refuse(401, 'replayed request');
  }
  return undefined;
}

/**
 * Creates the request handler: `handleInteractionRequest({ headers, body, now })`. Answers 401 for
 * missing, malformed, stale, future, forged or replayed signatures, 413 for a body over 64 KiB,
 * 400 for a body that is not an interaction or one of a type this bot does not handle, and 200 with
 * the interaction response otherwise. Never throws.
 */
export function createInteractionHandler(
  deps: InteractionHandlerDeps,
): (request: InteractionHttpRequest) => InteractionHttpResponse {
  const route = deps.route ?? routeInteraction;
  return function handleInteractionRequest(request) {
    const refused = checkSignedRequest(deps, request);
    if (refused) return refused;

    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body.toString('utf8'));
    } catch {
      return refuse(400, 'body is not JSON');
    }
    if (!isInteraction(parsed)) return refuse(400, 'body is not an interaction');
    const base = { interactionId: parsed.id, interactionType: TYPE_NAMES[parsed.type] ?? parsed.type };

    let routed: RoutedInteraction;
    try {
      routed = route(deps.engines.current(), parsed);
    } catch (err) {
      if (err instanceof UnsupportedInteraction)
        return refuse(400, `unsupported interaction type ${parsed.type}`, base);
      // The router answers every command error itself; reaching here means no engine to answer
      // with, or a payload it could not read. The user still gets a private apology, not a failure.
      routed = { response: failureResponse(parsed), summary: { kind: 'unknown', name: '' }, error: err };
    }
    const plan = planEffect(parsed, routed, deps.restAvailable);
    const log: InteractionLogFields = {
      ...base,
      ...(routed.summary.name ? { command: routed.summary.name } : {}),
      ...(routed.summary.userError ? { problem: routed.summary.userError } : {}),
      ...(routed.error !== undefined ? { error: routed.error } : {}),
    };
    const answered = jsonResponse(200, plan.response, log, plan.effect);
    return routed.declined ? { ...answered, declined: routed.declined } : answered;
  };
}
