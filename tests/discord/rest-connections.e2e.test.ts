/**
 * The REST connection pool is bounded: a burst of interactions reuses a few keep-alive connections
 * instead of opening one per callback (undici's default), and every interaction is still answered.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { type GatewayBot, startGatewayBot } from '../../src/discord/bot.ts';
import { clientOptions, REST_CONNECTIONS } from '../../src/discord/client.ts';
import { silentLogger } from '../../src/log.ts';
import { type DiscordEmulator, startEmulator } from '../emulator/index.ts';
import { TEST_TOKEN, testEngines } from './harness.ts';

let emu: DiscordEmulator | undefined;
let bot: GatewayBot | undefined;
const connected: string[] = [];
const onConnected = (message: unknown) => {
  const params = (message as { connectParams?: { host?: string } }).connectParams;
  connected.push(params?.host ?? '');
};

afterEach(async () => {
  diagnosticsChannel.unsubscribe('undici:client:connected', onConnected);
  await bot?.stop();
  await emu?.close();
  bot = undefined;
  emu = undefined;
  connected.length = 0;
});

describe('REST connections', () => {
  it('GIVEN the default options THEN the pool is capped at REST_CONNECTIONS', () => {
    const options = clientOptions(parseConfig({ DISCORD_API_BASE: 'http://127.0.0.1:1/api' }));
    const agent = options.rest?.agent as unknown as { [key: symbol]: unknown };
    const symbol = Object.getOwnPropertySymbols(agent).find((s) => s.description === 'options');
    expect(symbol && (agent[symbol] as { connections?: number }).connections).toBe(REST_CONNECTIONS);
  });

  it('GIVEN a burst of 30 interactions and a limit of 3 THEN all are answered over at most 3 connections', async () => {
    emu = await startEmulator();
    const config = parseConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: emu.apiBase });
    diagnosticsChannel.subscribe('undici:client:connected', onConnected);
    bot = await startGatewayBot({
      config,
      engines: testEngines(),
      logger: silentLogger,
      tuning: { restTimeoutMs: 2000, restRetries: 0, restConnections: 3 },
    });
    connected.length = 0; // login's own requests are not part of the burst
    const sent = Array.from({ length: 30 }, (_, i) =>
      emu?.sendSlashCommand(i % 2 ? { name: 'margin' } : { name: 'results' }),
    );
    const responses = await Promise.all(sent.map((ix) => emu?.waitForInteractionResponse(ix?.id ?? '')));
    expect(responses.map((r) => r?.status)).toEqual(sent.map(() => 204));
    expect(connected.length).toBeLessThanOrEqual(3);
  });
});
