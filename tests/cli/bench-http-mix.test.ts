import { describe, expect, it } from 'vitest';
import { percentile, REQUEST_MIX, signMix, targetMet } from '../../src/cli/bench-http-mix.ts';
import { createInteractionHandler } from '../../src/http/handler.ts';
import { createReplayGuard } from '../../src/http/replay.ts';
import { publicKeyFromHex } from '../../src/http/signature.ts';
import { engines, keys } from '../http/helpers.ts';

describe('the bench:http request mix', () => {
  it('GIVEN one cycle of the mix THEN it holds PING, /results, /margin, /platform, varied /ask and autocomplete', () => {
    const payloads = REQUEST_MIX.map((make, i) => make(String(100 + i)));
    const names = payloads.map((p) => `${p.type}:${(p.data as { name?: string } | undefined)?.name ?? ''}`);
    expect(names).toEqual(
      expect.arrayContaining(['1:', '2:results', '2:margin', '2:platform', '2:ask', '4:candidate']),
    );
    const questions = new Set(
      payloads
        .filter((p) => (p.data as { name?: string } | undefined)?.name === 'ask')
        .map((p) => JSON.stringify(p.data)),
    );
    expect(questions.size).toBeGreaterThanOrEqual(10);
  });

  it('GIVEN signed requests from the mix THEN each is distinct and the server, replay guard on, answers all of them 200', () => {
    const requests = signMix(keys.privateKey, REQUEST_MIX.length * 3, 800_000_000_000_000_000n);
    const signatures = new Set(requests.map((r) => r.headers['x-signature-ed25519']));
    expect(signatures.size).toBe(requests.length);
    const handle = createInteractionHandler({
      publicKey: publicKeyFromHex(keys.publicKeyHex),
      engines: engines(),
      restAvailable: false,
      replays: createReplayGuard(),
    });
    const statuses = requests.map(
      (r) => handle({ headers: r.headers, body: r.body, now: Date.now() }).status,
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe('percentile', () => {
  it('GIVEN 1..100 THEN p50 is 50 and p99 is 99; GIVEN nothing THEN NaN', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('targetMet', () => {
  const level = (connections: number, p99Ms: number, errors = 0) => ({
    connections,
    requests: 1,
    requestsPerSecond: 1,
    p50Ms: 1,
    p99Ms,
    maxMs: p99Ms,
    errors,
  });

  it('GIVEN p99 under 20 ms at 100 connections and no errors THEN met; otherwise not', () => {
    expect(targetMet([level(1, 1), level(100, 19.9)])).toBe(true);
    expect(targetMet([level(1, 1), level(100, 20)])).toBe(false);
    expect(targetMet([level(1, 1, 1), level(100, 5)])).toBe(false);
    expect(targetMet([level(1, 1)])).toBe(false);
  });
});
