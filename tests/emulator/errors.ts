/**
 * Discord's JSON error answers. A route handler throws an {@link ApiError}; the HTTP layer turns it
 * into `{ code, message, errors? }` with the status, which discord.js raises as DiscordAPIError.
 */

import { type Issue, isRecord } from './limits.ts';

/** An error answer: HTTP status plus Discord's JSON error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The JSON body Discord sends for this error. */
  toBody(): Record<string, unknown> {
    return this.errors
      ? { code: this.code, message: this.message, errors: this.errors }
      : { code: this.code, message: this.message };
  }
}

/** The reason phrase Discord puts after the status in its generic messages ("404: Not Found"). */
function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return texts[status] ?? 'Error';
}

/** The generic `{ code: 0, message: '<status>: <text>' }` error. */
export function genericError(status: number): ApiError {
  return new ApiError(status, 0, `${status}: ${statusText(status)}`);
}

/** 400 50035 with Discord's nested `errors` tree built from the issues. */
export function invalidFormBody(issues: Issue[]): ApiError {
  return new ApiError(400, 50035, 'Invalid Form Body', issuesToErrorTree(issues));
}

/**
 * Builds Discord's error tree: `{ content: { _errors: [{ code, message }] } }`, with array indexes as
 * keys (`{ embeds: { 0: { title: { _errors: [...] } } } }`).
 */
function issuesToErrorTree(issues: Issue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const name = String(key);
      const child = node[name];
      if (isRecord(child)) {
        node = child;
      } else {
        const created: Record<string, unknown> = {};
        node[name] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? node._errors : [];
    list.push({ code: issue.code, message: issue.message });
    node._errors = list;
  }
  return root;
}

/** Errors Discord answers with, by name. */
export const Errors = {
  unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
  notFound: () => genericError(404),
  methodNotAllowed: () => genericError(405),
  unknownApplication: () => new ApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new ApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new ApiError(404, 10004, 'Unknown Guild'),
  unknownMessage: () => new ApiError(404, 10008, 'Unknown Message'),
  unknownUser: () => new ApiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new ApiError(404, 10062, 'Unknown interaction'),
  maxPins: (limit: number) => new ApiError(400, 30003, `Maximum number of pins reached (${limit})`),
  alreadyAcknowledged: () => new ApiError(400, 40060, 'Interaction has already been acknowledged.'),
  cannotEditOthers: () => new ApiError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => new ApiError(400, 50006, 'Cannot send an empty message'),
  missingPermissions: () => new ApiError(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: () => new ApiError(401, 50027, 'Invalid Webhook Token'),
} as const;
