/**
 * The real entry points as child processes, against the emulator: `npm start` (src/main.ts) with a
 * token connects, answers /margin and a mention, and stops on SIGTERM; a refused token exits 2 with
 * one line; `deploy-commands` and `invite` print what they did.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { BOT_PERMISSIONS } from '../../src/discord/invite.ts';
import { type DiscordEmulator, startEmulator } from '../emulator/index.ts';
import { captureChild } from '../support/log-capture.ts';
import { REJECTED_TOKEN } from '../support/secrets.ts';
import { GENERAL, TEST_TOKEN } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await startEmulator({ rejectToken: REJECTED_TOKEN });
});

afterAll(async () => {
  await emu?.close();
});

/** The environment of a child: every key config.ts reads is set, so a developer's .env cannot leak in. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DISCORD_TOKEN: '',
    DISCORD_APPLICATION_ID: '',
    DISCORD_GUILD_ID: '',
    DISCORD_PUBLIC_KEY: '',
    QA_CHANNEL_IDS: '',
    DISCORD_API_BASE: emu.apiBase,
    MODE: '',
    PORT: '',
    LOG_LEVEL: 'info',
    KNOWLEDGE_PACK_DIR: '',
    UNANSWERED_LOG: '',
    ...overrides,
  };
}

interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts `node --import tsx <script>` in the repository. */
function start(script: string, env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: childEnv(env) });
  captureChild(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('npm start (src/main.ts) against the emulator', () => {
  it('GIVEN DISCORD_TOKEN and DISCORD_API_BASE THEN it answers /margin and a mention, and exits 0 on SIGTERM', async () => {
    const run = start('src/main.ts', { DISCORD_TOKEN: TEST_TOKEN });
    try {
      await emu.waitForReady(15_000);
      await emu.waitForRequest((r) => r.path === '/gateway/bot');

      const ix = emu.sendSlashCommand({ name: 'margin' });
      const response = await emu.waitForInteractionResponse(ix.id, 5_000);
      expect(response.status).toBe(204);
      expect(JSON.stringify(response.data)).toContain('759');
      expect(JSON.stringify(response.data)).toContain('0.82');

      const question = emu.sendMessage({
        content: `<@${emu.botUser.id}> who won?`,
        channelId: GENERAL,
        mentions: [{ id: emu.botUser.id, username: emu.botUser.username }],
      });
      const reply = await emu.waitForRequest(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${GENERAL}/messages` &&
          JSON.stringify(r.body).includes(`"message_id":"${question.id}"`),
        5_000,
      );
      expect(JSON.stringify(reply.body)).toContain('Keisha Lance Bottoms won');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    const lines = run
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual(
      expect.arrayContaining(['ready', 'interaction', 'free-text', 'shutdown', 'stopped']),
    );
    expect(run.stdout()).not.toContain(TEST_TOKEN);
    expect(run.stderr()).toBe('');
  });

  it('GIVEN a token Discord refuses THEN one clear line, exit code 2, no stack trace, no token', async () => {
    const run = start('src/main.ts', { DISCORD_TOKEN: REJECTED_TOKEN });
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/^Discord refused DISCORD_TOKEN/),
    ]);
    expect(run.stderr()).not.toContain(REJECTED_TOKEN);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('npm run deploy-commands and npm run invite', () => {
  it('GIVEN DISCORD_GUILD_ID THEN deploy-commands registers on that server and prints the commands and the invite link', async () => {
    const guildId = emu.guilds[0]?.id ?? '';
    const run = start('src/cli/deploy-commands.ts', {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_APPLICATION_ID: emu.applicationId,
      DISCORD_GUILD_ID: guildId,
    });
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain(`Registered ${COMMANDS.length} commands on server ${guildId}`);
    expect(run.stdout()).toContain('  /summary');
    expect(run.stdout()).toContain(`client_id=${emu.applicationId}&scope=bot%20applications.commands`);
  });

  it('GIVEN no DISCORD_APPLICATION_ID THEN deploy-commands stops with one line naming it and exit code 2', async () => {
    const run = start('src/cli/deploy-commands.ts', { DISCORD_TOKEN: TEST_TOKEN });
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim()).toMatch(/^Configuration error: DISCORD_APPLICATION_ID is required/);
  });

  it('GIVEN DISCORD_APPLICATION_ID THEN invite prints the invite URL', async () => {
    const run = start('src/cli/invite.ts', { DISCORD_APPLICATION_ID: emu.applicationId });
    expect(await run.exited).toBe(0);
    expect(run.stdout().trim()).toBe(
      `https://discord.com/oauth2/authorize?client_id=${emu.applicationId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`,
    );
  });
});
