/**
 * The real entry points as child processes, against the emulator: `npm start` (src/main.ts) with a
 * token connects, answers /margin and a mention, and stops on SIGTERM; a refused token exits 2 with
 * one line; `deploy-commands` and `invite` print what they did.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { BOT_PERMISSIONS } from '../../src/discord/invite.ts';
import { TEXT } from '../../src/replies/strings.ts';
import {
  type DiscordEmulator,
  MODERATOR_PERMISSIONS,
  MODERATOR_USER,
  startEmulator,
} from '../emulator/index.ts';
import { captureChild } from '../support/log-capture.ts';
import { copyBundledPack, editFactOnDisk } from '../support/pack.ts';
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

/** The child's log lines so far (JSON on stdout). */
function logLines(run: Run): Record<string, unknown>[] {
  return run
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Waits for a log line of the child with this event (and fields). */
async function waitForLogLine(run: Run, match: Record<string, unknown>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const matches = (l: Record<string, unknown>) => Object.entries(match).every(([k, v]) => l[k] === v);
  while (!logLines(run).some(matches)) {
    if (Date.now() > until) throw new Error(`no log line ${JSON.stringify(match)} in:\n${run.stdout()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts `npm start` as a gateway bot and waits until it is ready (records cleared first). */
async function startBot(env: Record<string, string> = {}): Promise<Run> {
  emu.clearRecords();
  const run = start('src/main.ts', { DISCORD_TOKEN: TEST_TOKEN, ...env });
  await emu.waitForReady(15_000);
  await waitForLogLine(run, { event: 'ready' });
  return run;
}

/** Kills a child that a failed test left running. */
function cleanUp(run: Run): void {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
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

describe('npm start: stopping on a signal', () => {
  it('GIVEN SIGTERM while a /summary is still pinning THEN no new work is taken, the summary is finished, the gateway is closed, and the exit code is 0', async () => {
    const run = await startBot();
    try {
      emu.failNext({ method: 'PUT', pathMatches: /\/messages\/pins\//, delayMs: 1_500 });
      const inFlight = emu.sendSlashCommand({
        name: 'summary',
        user: MODERATOR_USER,
        memberPermissions: MODERATOR_PERMISSIONS,
      });
      expect((await emu.waitForInteractionResponse(inFlight.id, 5_000)).type).toBe(5);
      run.child.kill('SIGTERM');
      await waitForLogLine(run, { event: 'shutdown', signal: 'SIGTERM' });
      const late = emu.sendSlashCommand({ name: 'margin' });

      expect(await run.exited).toBe(0);
      const edit = emu.requests.find((r) => r.method === 'PATCH' && r.path.includes(inFlight.token));
      expect(edit?.body).toMatchObject({ content: TEXT.summaryPinned });
      expect(emu.requests.filter((r) => r.path.startsWith(`/interactions/${late.id}/`))).toEqual([]);
      // discord.js closes the socket with 1000 (normal closure) when the client is destroyed.
      expect((await emu.waitForGatewayClose()).code).toBe(1000);
      const events = logLines(run).map((l) => l.event);
      expect(events.indexOf('summary')).toBeGreaterThan(events.indexOf('shutdown'));
      expect(events.at(-1)).toBe('stopped');
      expect(run.stderr()).toBe('');
    } finally {
      cleanUp(run);
    }
  });
});

describe('npm start: SIGHUP reloads the knowledge pack, SIGINT stops', () => {
  it('GIVEN the pack edited on disk THEN SIGHUP serves a valid edit, refuses an invalid one (the old pack keeps serving), and SIGINT exits 0', async () => {
    const packDir = copyBundledPack();
    const run = await startBot({ KNOWLEDGE_PACK_DIR: packDir });
    const whoWon = async () => {
      const ix = emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'who won?' }] });
      return (await emu.waitForInteractionResponse(ix.id, 5_000)).data?.embeds?.[0]?.description;
    };
    try {
      expect(await whoWon()).toMatch(/^Keisha Lance Bottoms won the Dec\. 5 runoff/);
      editFactOnDisk(packDir, 'winner', (f) => {
        f.answer = 'Edited on disk, reloaded on SIGHUP.';
      });
      run.child.kill('SIGHUP');
      await waitForLogLine(run, { event: 'pack-reloaded', signal: 'SIGHUP' });
      expect(await whoWon()).toBe('Edited on disk, reloaded on SIGHUP.');

      editFactOnDisk(packDir, 'winner', (f) => {
        f.answer = '';
      });
      run.child.kill('SIGHUP');
      await waitForLogLine(run, { event: 'pack-reload-refused', signal: 'SIGHUP' });
      const refused = logLines(run).find((l) => l.event === 'pack-reload-refused');
      expect(refused?.error).toBe('facts.json: fact "winner", field "answer": must not be empty');
      expect(await whoWon()).toBe('Edited on disk, reloaded on SIGHUP.');

      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      expect(logLines(run).find((l) => l.event === 'shutdown')).toMatchObject({ signal: 'SIGINT' });
      expect(logLines(run).at(-1)).toMatchObject({ event: 'stopped' });
    } finally {
      cleanUp(run);
      rmSync(packDir, { recursive: true, force: true });
    }
  });
});

describe('npm start: Discord ends the session for good while the bot runs', () => {
  it.each<{ code: number; env: Record<string, string>; says: RegExp }>([
    { code: 4004, env: {}, says: /^Discord closed the connection: DISCORD_TOKEN is no longer valid \(4004/ },
    {
      code: 4014,
      env: { QA_CHANNEL_IDS: '300000000000000012' },
      says: /^Discord closed the connection: the Message Content intent is not enabled \(4014/,
    },
  ])(
    'GIVEN close $code THEN one line on stderr saying what to fix, exit code 1, and no reconnect loop',
    async ({ code, env, says }) => {
      const run = await startBot(env);
      try {
        emu.clearRecords();
        emu.closeGateway(code);
        expect(await run.exited).toBe(1);
        expect(run.stderr().trim().split('\n')).toEqual([expect.stringMatching(says)]);
        expect(run.stderr() + run.stdout()).not.toContain(TEST_TOKEN);
        // It gave up at once: no new Identify or Resume reached the gateway.
        expect(emu.gatewayLog.filter((f) => f.op === 2 || f.op === 6)).toEqual([]);
      } finally {
        cleanUp(run);
      }
    },
  );
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
