import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { declaresTooLarge, MAX_BODY_BYTES, readLimitedBody } from '../../src/http/body.ts';
import { createReplayGuard } from '../../src/http/replay.ts';
import { rawPublicKeyHex, signatureHeaders } from '../../src/http/sample-interactions.ts';
import {
  isFresh,
  publicKeyFromHex,
  readSignatureHeaders,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../src/http/signature.ts';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const key = publicKeyFromHex(rawPublicKeyHex(publicKey));
const NOW = 1_700_000_000_000;
const body = Buffer.from('{"type":1}');

function headersFor(data: Buffer | string, seconds = NOW / 1000) {
  const read = readSignatureHeaders(signatureHeaders(privateKey, data, seconds));
  if (!read.ok) throw new Error(read.problem);
  return read.value;
}

describe('publicKeyFromHex', () => {
  it('GIVEN the 64-hex public key from the portal THEN verifies signatures made with its private key', () => {
    expect(verifySignature(key, headersFor(body), body)).toBe(true);
  });

  it('GIVEN a key that is not 64 hex characters THEN refuses it', () => {
    expect(() => publicKeyFromHex('abc')).toThrow(/64 hexadecimal/);
    expect(() => publicKeyFromHex('z'.repeat(64))).toThrow(/64 hexadecimal/);
  });
});

describe('verifySignature', () => {
  it('GIVEN one flipped byte in the body THEN fails', () => {
    const flipped = Buffer.from(body);
    flipped[3] = (flipped[3] ?? 0) ^ 0x01;
    expect(verifySignature(key, headersFor(body), flipped)).toBe(false);
  });

  it('GIVEN a signature made with another key THEN fails', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const read = readSignatureHeaders(signatureHeaders(other, body, NOW / 1000));
    if (!read.ok) throw new Error(read.problem);
    expect(verifySignature(key, read.value, body)).toBe(false);
  });

  it('GIVEN a different timestamp than the one signed THEN fails (the timestamp is signed too)', () => {
    const signed = headersFor(body);
    const moved = { ...signed, timestamp: String(signed.seconds + 1), seconds: signed.seconds + 1 };
    expect(verifySignature(key, moved, body)).toBe(false);
  });
});

describe('readSignatureHeaders', () => {
  const good = signatureHeaders(privateKey, body, NOW / 1000);

  it('GIVEN no signature headers THEN says they are missing', () => {
    expect(readSignatureHeaders({})).toEqual({ ok: false, problem: 'missing signature headers' });
    expect(readSignatureHeaders({ [SIGNATURE_HEADER]: good[SIGNATURE_HEADER] })).toMatchObject({ ok: false });
  });

  it.each([
    ['a short signature', { [SIGNATURE_HEADER]: 'ab'.repeat(10) }],
    ['a signature that is not hex', { [SIGNATURE_HEADER]: 'zz'.repeat(64) }],
    ['a timestamp that is not a number', { [TIMESTAMP_HEADER]: '17e8' }],
    ['a negative timestamp', { [TIMESTAMP_HEADER]: '-5' }],
    ['a repeated header', { [TIMESTAMP_HEADER]: ['1700000000', '1700000000'] }],
  ])('GIVEN %s THEN says the headers are malformed', (_, override) => {
    expect(readSignatureHeaders({ ...good, ...override })).toEqual({
      ok: false,
      problem: 'malformed signature headers',
    });
  });
});

describe('isFresh', () => {
  it('GIVEN a timestamp within 5 minutes either way THEN accepts it', () => {
    expect(isFresh(NOW / 1000, NOW)).toBe(true);
    expect(isFresh(NOW / 1000 - 299, NOW)).toBe(true);
    expect(isFresh(NOW / 1000 + 299, NOW)).toBe(true);
  });

  it('GIVEN a timestamp more than 5 minutes old or ahead THEN refuses it', () => {
    expect(isFresh(NOW / 1000 - 301, NOW)).toBe(false);
    expect(isFresh(NOW / 1000 + 301, NOW)).toBe(false);
  });
});

describe('createReplayGuard', () => {
  it('GIVEN the same signature twice within its window THEN refuses the second', () => {
    const guard = createReplayGuard();
    expect(guard.firstSighting('sig-a', NOW + 300_000, NOW)).toBe(true);
    expect(guard.firstSighting('sig-a', NOW + 300_000, NOW + 1000)).toBe(false);
    expect(guard.firstSighting('sig-b', NOW + 300_000, NOW + 1000)).toBe(true);
  });

  it('GIVEN more signatures than its capacity THEN forgets the oldest and stays bounded', () => {
    const guard = createReplayGuard(3);
    for (const s of ['a', 'b', 'c', 'd']) guard.firstSighting(s, NOW + 300_000, NOW);
    expect(guard.size).toBe(3);
    expect(guard.firstSighting('a', NOW + 300_000, NOW)).toBe(true);
    expect(guard.firstSighting('d', NOW + 300_000, NOW)).toBe(false);
  });

  it('GIVEN signatures whose window has passed THEN forgets them', () => {
    const guard = createReplayGuard();
    guard.firstSighting('old', NOW + 1000, NOW);
    guard.firstSighting('new', NOW + 600_000, NOW + 500_000);
    expect(guard.size).toBe(1);
  });
});

describe('body limits', () => {
  it('GIVEN a Content-Length over 64 KiB THEN it is refused before reading', () => {
    expect(declaresTooLarge(String(MAX_BODY_BYTES + 1))).toBe(true);
    expect(declaresTooLarge(String(MAX_BODY_BYTES))).toBe(false);
    expect(declaresTooLarge(undefined)).toBe(false);
  });

  it('GIVEN a body within the limit THEN reads all of it', async () => {
    const result = await readLimitedBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]));
    expect(result).toEqual({ ok: true, body: Buffer.from('abcd') });
  });

  it('GIVEN a 1 MiB stream THEN stops at the first chunk past 64 KiB and pulls no more', async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const stream = new Readable({
      highWaterMark: 1,
      read() {
        pulled += 1;
        this.push(pulled <= 64 ? chunk : null);
      },
    });
    const result = await readLimitedBody(stream);
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    expect(result.ok ? 0 : result.bytesRead).toBeLessThanOrEqual(MAX_BODY_BYTES + chunk.length);
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled).toBeLessThan(10);
  });
});
