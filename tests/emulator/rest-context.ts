/**
 * What REST route handlers receive and return, and small helpers they share.
 */

import type { EmulatorState } from './state.ts';
import type { RecordedFile } from './types.ts';

/** Settings the routes read. */
export interface RestSettings {
  /** The gateway URL returned by `GET /gateway/bot`. */
  gatewayUrl: string;
  ackDeadlineMs: number;
  webhookTokenTtlMs: number;
  echoBotEvents: boolean;
}

/** Everything a route handler gets. */
export interface RestContext {
  state: EmulatorState;
  settings: RestSettings;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  /** When the request arrived (ms since the epoch). */
  receivedAt: number;
  /** Marks the request as carrying a message payload, for the allowed_mentions audit. */
  noteMessage(kind: 'create' | 'edit', payload: unknown): void;
  /** Sends a gateway event to the bot if it is identified with one of `intents` (0: any). */
  emit(t: string, d: unknown, intents: number): void;
}

/** A handler's answer; `body` undefined means no content. */
export interface RestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route: method, pattern with `:params`, whether it needs `Authorization: Bot <token>`. */
export interface Route {
  method: string;
  pattern: string;
  auth: boolean;
  handler: (ctx: RestContext) => RestAnswer | Promise<RestAnswer>;
}

/** 200 with a JSON body. */
export function ok(body: unknown): RestAnswer {
  return { status: 200, body };
}

/** 204 No Content. */
export function noContent(): RestAnswer {
  return { status: 204 };
}

/** A route parameter the router guarantees is present. */
export function param(ctx: RestContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`Route has no :${name} parameter`);
  return value;
}
