/**
 * Questions the bot declined are kept for moderators by every front door (gateway: /ask and
 * mentions; HTTP: /ask; console), in one JSON-lines file, and `npm run unanswered` reads that file
 * back: most asked first, and raw with --json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../src/console/session.ts';
import { sampleCommand } from '../../src/http/sample-interactions.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { fileUnansweredLog, readUnanswered } from '../../src/ops/unanswered.ts';
import { GENERAL, QUESTIONS, startHarness } from '../discord/harness.ts';
import { captureLogs, engines, httpConfig, signed } from '../http/helpers.ts';
import { captureText } from '../support/log-capture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FRANCE = 'what is the capital of france?';
const PIZZA = 'where can I get pizza near campus?';

let dir: string;
let logPath: string;

/** `npm run unanswered` on the log, as a child process. */
function unanswered(args: string[] = []) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/unanswered.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // vitest sets MODE=test; the bot reads MODE too, so it is cleared.
    env: { ...process.env, UNANSWERED_LOG: logPath, DISCORD_TOKEN: '', MODE: '' },
  });
  captureText(run.stdout + run.stderr);
  return run;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'election-unanswered-'));
  logPath = join(dir, 'logs', 'unanswered.jsonl');
  const log = fileUnansweredLog(logPath);

  // The gateway: /ask, a mention, an empty /ask (not worth keeping) and a silent Q&A channel.
  const h = await startHarness({ qaChannelIds: [QUESTIONS], engines: engines(), unanswered: log });
  try {
    for (const question of [FRANCE, '']) {
      const ix = h.emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
      await h.emu.waitForInteractionResponse(ix.id);
    }
    await h.ask({
      content: `<@${h.emu.botUser.id}> ${PIZZA}`,
      channelId: GENERAL,
      mentions: [{ id: h.emu.botUser.id, username: h.emu.botUser.username }],
    });
    h.emu.sendMessage({ content: 'lol same', channelId: QUESTIONS });
    await h.ask({
      content: `<@${h.emu.botUser.id}> who won?`,
      channelId: GENERAL,
      mentions: [{ id: h.emu.botUser.id, username: h.emu.botUser.username }],
    });
  } finally {
    await h.close();
  }

  // HTTP: the same question again.
  const server = await startHttpServer({
    config: httpConfig(),
    engines: engines(),
    logger: captureLogs().logger,
    port: 0,
    host: '127.0.0.1',
    unanswered: log,
  });
  try {
    const { body, headers } = signed(
      sampleCommand('810000000000000001', 'ask', [{ name: 'question', value: FRANCE }]),
    );
    expect((await fetch(`${server.url}/interactions`, { method: 'POST', headers, body })).status).toBe(200);
  } finally {
    await server.stop();
  }

  // The console.
  createConsoleSession(engines(), log).handleLine('What Is The Capital Of France?');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the unanswered-questions log', () => {
  it('GIVEN declined questions on the gateway, over HTTP and in the console THEN each is in the log once, with where it was asked; empty and silent ones are not', () => {
    const { entries, skipped } = readUnanswered(logPath);
    expect(skipped).toBe(0);
    expect(entries.map((e) => [e.question, e.via])).toEqual([
      [FRANCE, 'gateway'],
      [PIZZA, 'gateway'],
      [FRANCE, 'http'],
      ['What Is The Capital Of France?', 'console'],
    ]);
    for (const e of entries) expect(e.reason).toBe('no-match');
  });
});

describe('npm run unanswered', () => {
  it('GIVEN that log THEN the questions, most asked first, counted case-insensitively', () => {
    const run = unanswered();
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`4 unanswered questions (2 distinct) in ${logPath}`);
    expect(lines[1]).toMatch(/^\s+3\s+no-match\s+what is the capital of france\?$/);
    expect(lines[2]).toMatch(/^\s+1\s+no-match\s+where can i get pizza near campus\?$/);
  });

  it('GIVEN --json THEN one entry per line, as written', () => {
    const run = unanswered(['--json']);
    expect(run.status).toBe(0);
    const entries = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { question: string; via: string });
    expect(entries.map((e) => e.via)).toEqual(['gateway', 'gateway', 'http', 'console']);
  });
});
