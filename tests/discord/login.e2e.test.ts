/**
 * Login failures through the real discord.js Client: each becomes one ConfigError line (exit code 2
 * in `npm start`) that says what to change, and never repeats the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { startGatewayBot } from '../../src/discord/bot.ts';
import { silentLogger } from '../../src/log.ts';
import { type DiscordEmulator, startEmulator } from '../emulator/index.ts';
import { REJECTED_TOKEN } from '../support/secrets.ts';
import { QUESTIONS, TEST_TOKEN, testEngines } from './harness.ts';

let emu: DiscordEmulator;
const engines = testEngines();

beforeAll(async () => {
  emu = await startEmulator({ rejectToken: REJECTED_TOKEN, privilegedIntentsEnabled: false });
});

afterAll(async () => {
  await emu?.close();
});

async function loginError(env: Record<string, string>): Promise<unknown> {
  const config = parseConfig({ DISCORD_API_BASE: emu.apiBase, ...env });
  return startGatewayBot({
    config,
    engines,
    logger: silentLogger,
    tuning: { restTimeoutMs: 2000, restRetries: 0 },
  }).then(
    async (bot) => {
      await bot.stop();
      throw new Error('expected the login to fail');
    },
    (err: unknown) => err,
  );
}

describe('startGatewayBot login failures', () => {
  it('GIVEN a token Discord refuses THEN a ConfigError about DISCORD_TOKEN without the token', async () => {
    const err = await loginError({ DISCORD_TOKEN: REJECTED_TOKEN });
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toContain('Discord refused DISCORD_TOKEN');
    expect(String(err)).not.toContain(REJECTED_TOKEN);
  });

  it('GIVEN Q&A channels but the Message Content intent not enabled in the portal THEN a ConfigError saying how to enable it', async () => {
    const err = await loginError({ DISCORD_TOKEN: TEST_TOKEN, QA_CHANNEL_IDS: QUESTIONS });
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toContain('Message Content Intent');
  });

  it('GIVEN Discord closes the session for good (4004) while running THEN `closed` settles with the code', async () => {
    const config = parseConfig({ DISCORD_API_BASE: emu.apiBase, DISCORD_TOKEN: TEST_TOKEN });
    const bot = await startGatewayBot({ config, engines, logger: silentLogger, tuning: { restRetries: 0 } });
    try {
      emu.closeGateway(4004);
      expect(await bot.closed).toBe(4004);
    } finally {
      await bot.stop();
    }
  });

  it('GIVEN no token THEN a ConfigError before anything is sent', async () => {
    const before = emu.requests.length;
    const err = await loginError({});
    expect(err).toBeInstanceOf(ConfigError);
    expect(emu.requests.length).toBe(before);
  });
});
