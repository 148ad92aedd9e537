/**
 * The pure parts of `npm run bench:http`: the request mix, signing it, percentiles and the target.
 * Kept apart from the entry point so they are tested without starting a benchmark.
 */
import type { KeyObject } from 'node:crypto';
import {
  type SampleOption,
  sampleAutocomplete,
  sampleCommand,
  samplePing,
  signatureHeaders,
} from '../http/sample-interactions.ts';

/** The target: no errors, and p99 under this at 100 connections. */
export const TARGET = Object.freeze({ connections: 100, p99Ms: 20 });

const QUESTIONS = [
  'who won?',
  'how close was the runoff?',
  'what did Norwood promise?',
  'will there be a recount?',
  'who backed keisha bottoms?',
  'when did the council approve the annexation?',
  'what did the Dec. 1 poll say?',
  'who is Kasim Reed?',
  'what happened in 2009?',
  'who reported the story?',
  'what is the tallest mountain in georgia?',
  'did students canvass for anyone?',
] as const;

type Payload = Record<string, unknown>;

const ask = (question: string) => (id: string) =>
  sampleCommand(id, 'ask', [{ name: 'question', value: question }]);
const command =
  (name: string, options: SampleOption[] = []) =>
  (id: string) =>
    sampleCommand(id, name, options);

/** The request mix, in the proportions the bench sends them (one of each per cycle). */
export const REQUEST_MIX: readonly ((id: string) => Payload)[] = [
  (id) => samplePing(id),
  command('results'),
  command('results'),
  command('margin'),
  command('platform', [{ name: 'candidate', value: 'Norwood' }]),
  command('platform', [{ name: 'candidate', value: 'bottoms' }]),
  ...QUESTIONS.map(ask),
  (id) => sampleAutocomplete(id, 'candidate', { name: 'name', value: '' }),
  (id) => sampleAutocomplete(id, 'platform', { name: 'candidate', value: 'nor' }),
  (id) => sampleAutocomplete(id, 'candidate', { name: 'name', value: 'fra' }),
];

/** One pre-signed request. */
export interface SignedRequest {
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

/** Signs `count` distinct interactions from the mix, with ids starting at `firstId`. */
export function signMix(privateKey: KeyObject, count: number, firstId: bigint): SignedRequest[] {
  const out: SignedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const make = REQUEST_MIX[i % REQUEST_MIX.length];
    if (!make) continue;
    const body = Buffer.from(JSON.stringify(make(String(firstId + BigInt(i)))));
    out.push({ body, headers: signatureHeaders(privateKey, body) });
  }
  return out;
}

/** The p-th percentile (0-100) of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Figures for one concurrency level. */
export interface LevelResult {
  readonly connections: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Connection errors, timeouts and non-2xx answers. */
  readonly errors: number;
}

/** Whether a run met the target: no errors anywhere, p99 under 20 ms at 100 connections. */
export function targetMet(levels: readonly LevelResult[]): boolean {
  const atTarget = levels.find((l) => l.connections === TARGET.connections);
  return levels.every((l) => l.errors === 0) && atTarget !== undefined && atTarget.p99Ms < TARGET.p99Ms;
}
