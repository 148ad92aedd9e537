/**
 * `deploy-commands` against the emulator, which checks every definition the way Discord does:
 * guild and global registration, the printed report, and the configuration errors it explains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { deployCommands, deployReport, deployScope } from '../../src/discord/deploy.ts';
import { type DiscordEmulator, startEmulator } from '../emulator/index.ts';
import { REJECTED_TOKEN } from '../support/secrets.ts';
import { TEST_TOKEN } from './harness.ts';

let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await startEmulator({ rejectToken: REJECTED_TOKEN });
});

afterAll(async () => {
  await emu?.close();
});

function config(overrides: Record<string, string> = {}) {
  return parseConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: emu.applicationId,
    DISCORD_API_BASE: emu.apiBase,
    ...overrides,
  });
}

/** A promise's rejection (fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('deploy-commands', () => {
  it('GIVEN DISCORD_GUILD_ID THEN every command is registered on that server in one PUT, and the report lists them', async () => {
    const guildId = emu.guilds[0]?.id ?? '';
    const result = await deployCommands(config({ DISCORD_GUILD_ID: guildId }));
    const put = await emu.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/applications/${emu.applicationId}/guilds/${guildId}/commands`,
    );
    expect(put.status).toBe(200);
    expect(put.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    expect(put.body).toEqual(COMMANDS.map((c) => c.data));
    expect(result.scope).toEqual({ kind: 'guild', applicationId: emu.applicationId, guildId });
    expect(result.commands.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.data.name));
    expect(result.commands.every((c) => /^\d+$/.test(c.id))).toBe(true);

    const report = deployReport(result);
    expect(report).toContain(`Registered ${COMMANDS.length} commands on server ${guildId}`);
    expect(report).toContain('  /margin');
    expect(report).toContain('  "Ask the election bot" (message menu)');
    const summary = result.commands.find((c) => c.name === 'summary');
    expect(summary?.default_member_permissions).toBe('8192');
  });

  it('GIVEN no DISCORD_GUILD_ID THEN the commands are registered globally', async () => {
    const result = await deployCommands(config());
    const put = await emu.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/applications/${emu.applicationId}/commands`,
    );
    expect(put.status).toBe(200);
    expect(result.scope.kind).toBe('global');
    expect(result.commands).toHaveLength(COMMANDS.length);
    expect(deployReport(result)).toMatch(/^Registered \d+ commands globally/);
  });

  it('GIVEN no DISCORD_TOKEN or no DISCORD_APPLICATION_ID THEN a ConfigError names the variable', () => {
    expect(() => deployScope(config({ DISCORD_TOKEN: '' }))).toThrow(/DISCORD_TOKEN is required/);
    expect(() => deployScope(config({ DISCORD_APPLICATION_ID: '' }))).toThrow(
      /DISCORD_APPLICATION_ID is required/,
    );
  });

  it('GIVEN a token Discord refuses THEN a ConfigError that does not repeat the token', async () => {
    const err = await rejection(deployCommands(config({ DISCORD_TOKEN: REJECTED_TOKEN })));
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toContain('Discord refused DISCORD_TOKEN');
    expect(String(err)).not.toContain(REJECTED_TOKEN);
  });

  it("GIVEN an application id that is not the bot's THEN a ConfigError says to check it", async () => {
    const err = await rejection(deployCommands(config({ DISCORD_APPLICATION_ID: '199999999999999999' })));
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toContain('DISCORD_APPLICATION_ID 199999999999999999');
  });

  it('GIVEN a server the bot is not in THEN a ConfigError says to invite it first', async () => {
    const err = await rejection(deployCommands(config({ DISCORD_GUILD_ID: '399999999999999999' })));
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toContain('npm run invite');
  });
});
