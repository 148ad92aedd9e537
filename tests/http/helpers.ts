/** Shared by the HTTP-interactions tests: a key pair, the engine, config, signed requests, log capture. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type Config, parseConfig } from '../../src/config.ts';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { createEngineHolder, type EngineHolder } from '../../src/engine/holder.ts';
import { rawPublicKeyHex, signatureHeaders } from '../../src/http/sample-interactions.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { captureSink } from '../support/log-capture.ts';

/** The application's key pair, generated per test run; the public half goes in the config as hex. */
export const keys = (() => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey, privateKey, publicKeyHex: rawPublicKeyHex(publicKey) };
})();

/** Someone else's key: requests signed with it must be refused. */
export const wrongKey: KeyObject = generateKeyPairSync('ed25519').privateKey;

let sharedEngines: EngineHolder | undefined;

/** The bundled pack's engine, loaded once per test file. */
export function engines(): EngineHolder {
  sharedEngines ??= createEngineHolder(() => loadPack(DEFAULT_PACK_DIR));
  return sharedEngines;
}

/** A configuration for HTTP mode, with the test key and any overrides. */
export function httpConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, LOG_LEVEL: 'info', ...env });
}

/** The current time in unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A body and the headers Discord would send with it. */
export function signed(
  payload: unknown,
  opts: { key?: KeyObject; timestamp?: number } = {},
): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return {
    body,
    headers: signatureHeaders(opts.key ?? keys.privateKey, body, opts.timestamp ?? nowSeconds()),
  };
}

/** A logger whose lines (parsed JSON) a test can read, and the raw text to search for secrets. */
export function captureLogs(secrets: string[] = []): {
  logger: Logger;
  lines: Record<string, unknown>[];
  text: () => string;
} {
  const raw: string[] = [];
  const logger = createLogger({
    level: 'info',
    secrets,
    sink: captureSink({ write: (line) => raw.push(line) }),
  });
  return {
    logger,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}

/** The request log lines (msg "request"). */
export function requestLines(lines: Record<string, unknown>[]): Record<string, unknown>[] {
  return lines.filter((l) => l.msg === 'request');
}

/** Waits until `check` returns true (polling every `pollMs`), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 2000, pollMs = 10): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
