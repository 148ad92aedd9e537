/**
 * Discord's request signing for HTTP interactions: Ed25519 over `X-Signature-Timestamp + raw body`,
 * checked with the application's public key. Node's own crypto does it; no dependency needed.
 * Every function here is pure apart from the crypto call, and none of them parses the body.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** SubjectPublicKeyInfo DER header for an Ed25519 key; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How far (in seconds, either way) a request's timestamp may be from our clock. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;
const TIMESTAMP = /^\d{1,12}$/;
const PUBLIC_KEY_HEX = /^[0-9a-fA-F]{64}$/;

/** The signature header (128 hex characters), named as Node delivers it (lower case). */
export const SIGNATURE_HEADER = 'x-signature-ed25519';
/** The timestamp header (unix seconds), named as Node delivers it (lower case). */
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

/**
 * Builds the verification key from the 64-hex-character public key shown in the developer portal.
 * Done once at start-up: building a KeyObject per request would cost more than the check itself.
 */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex)) throw new Error('An Ed25519 public key is 64 hexadecimal characters.');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** The two signature headers, checked for shape only. */
export interface SignatureHeaders {
  /** The 64-byte signature. */
  readonly signature: Buffer;
  /** The timestamp exactly as sent (it is part of the signed bytes). */
  readonly timestamp: string;
  /** The timestamp in unix seconds. */
  readonly seconds: number;
}

/** Why a request's signature headers were refused. */
export type SignatureHeaderProblem = 'missing signature headers' | 'malformed signature headers';

type HeaderValue = string | readonly string[] | undefined;

/** Reads and shape-checks the signature headers (a repeated header counts as malformed). */
export function readSignatureHeaders(
  headers: Readonly<Record<string, HeaderValue>>,
):
  | { readonly ok: true; readonly value: SignatureHeaders }
  | { readonly ok: false; readonly problem: SignatureHeaderProblem } {
  const signature = headers[SIGNATURE_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  if (signature === undefined || timestamp === undefined)
    return { ok: false, problem: 'missing signature headers' };
  if (typeof signature !== 'string' || typeof timestamp !== 'string') {
    return { ok: false, problem: 'malformed signature headers' };
  }
  if (!SIGNATURE_HEX.test(signature) || !TIMESTAMP.test(timestamp)) {
    return { ok: false, problem: 'malformed signature headers' };
  }
  return {
    ok: true,
    value: { signature: Buffer.from(signature, 'hex'), timestamp, seconds: Number(timestamp) },
  };
}

/** Whether a signed timestamp is within the window around `nowMs`, in the past or the future. */
export function isFresh(seconds: number, nowMs: number, windowSeconds = SIGNATURE_WINDOW_SECONDS): boolean {
  return Math.abs(nowMs / 1000 - seconds) <= windowSeconds;
}

/** Checks the Ed25519 signature over `timestamp + body`. Never throws. */
export function verifySignature(key: KeyObject, headers: SignatureHeaders, body: Buffer): boolean {
  try {
    return verify(null, Buffer.concat([Buffer.from(headers.timestamp), body]), key, headers.signature);
  } catch {
    return false;
  }
}
