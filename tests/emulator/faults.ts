/**
 * Injected REST faults: rules added with `failNext` that replace (or delay) the answer to the next
 * matching requests.
 */

import { genericError } from './errors.ts';
import type { FaultSpec } from './types.ts';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** An injected answer: status, JSON body and headers. */
export interface FaultAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The pending fault rules, consumed first-added first. */
export class FaultBook {
  private readonly faults: ActiveFault[] = [];

  /** Adds a rule for the next `times` (default 1) matching requests. */
  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`failNext: times must be a positive integer, got ${times}`);
    this.faults.push({ spec, remaining: times });
  }

  /** Takes one use of the first rule matching the request, or returns undefined. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.faults.findIndex((fault) => matches(fault.spec, method, path));
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  return typeof spec.pathMatches === 'string' ? spec.pathMatches === path : spec.pathMatches.test(path);
}

/**
 * The answer a fault with a status gives: Discord's body for that status (429 adds `retry_after` and
 * the rate-limit headers discord.js reads).
 */
export function faultAnswer(spec: FaultSpec & { status: number }): FaultAnswer {
  const { status } = spec;
  if (status !== 429) {
    return { status, body: spec.body ?? genericError(status).toBody(), headers: {} };
  }
  const retryAfter = spec.retryAfter ?? 1;
  const global = spec.global ?? false;
  const body = { message: 'You are being rate limited.', retry_after: retryAfter, global, ...spec.body };
  const headers: Record<string, string> = {
    'Retry-After': String(retryAfter),
    'X-RateLimit-Limit': '5',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(Date.now() / 1000 + retryAfter),
    'X-RateLimit-Reset-After': String(retryAfter),
    'X-RateLimit-Bucket': 'emulator-bucket',
    'X-RateLimit-Scope': global ? 'global' : 'user',
  };
  // Discord sends X-RateLimit-Global only for global limits, and @discordjs/rest treats the header's
  // mere presence (even "false") as a global limit that blocks every route.
  if (global) headers['X-RateLimit-Global'] = 'true';
  return { status, body, headers };
}
