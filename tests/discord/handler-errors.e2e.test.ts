/**
 * An exception inside any handler of the gateway bot (a slash command, autocomplete, a button, a
 * chat message, an effect, the unanswered-questions log), injected through an engine holder that
 * throws from a chosen part: the error is caught and logged, the user gets a private apology (a
 * reply, for a chat message, which cannot be private), and the bot keeps serving.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UnansweredLog } from '../../src/ops/unanswered.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { MODERATOR_PERMISSIONS, MODERATOR_USER } from '../emulator/index.ts';
import {
  type BrokenPart,
  ENGINE_FAILURE,
  GENERAL,
  type Harness,
  isEphemeral,
  messageRequests,
  startHarness,
  switchableEngines,
  testEngines,
} from './harness.ts';

const engines = switchableEngines(testEngines());
let failingLog = false;
/** An unanswered-questions log that can be made to throw. */
const unanswered: UnansweredLog = {
  record: () => {
    if (failingLog) throw new Error('disk full (test)');
  },
};
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ engines, unanswered });
});

afterEach(() => {
  engines.breakNext(false);
  failingLog = false;
});

afterAll(async () => {
  await h?.close();
});

async function slash(name: string, options: { name: string; value: string }[] = [], moderator = false) {
  const ix = h.emu.sendSlashCommand({
    name,
    options,
    ...(moderator
      ? {
          user: MODERATOR_USER,
          memberPermissions: MODERATOR_PERMISSIONS,
        }
      : {}),
  });
  return { ix, response: await h.emu.waitForInteractionResponse(ix.id) };
}

/** The bot answers /ask properly again: nothing was left broken. */
async function recovered(): Promise<void> {
  engines.breakNext(false);
  const { response } = await slash('ask', [{ name: 'question', value: 'who won?' }]);
  expect(response.data?.embeds?.[0]?.description).toContain('Keisha Lance Bottoms won');
}

describe('a throwing engine or holder in each handler', () => {
  const parts: BrokenPart[] = ['current', 'answer', 'kb'];

  it.each(parts)(
    'GIVEN %s throws during /ask THEN the user gets a private apology and the error is logged',
    async (part) => {
      engines.breakNext(part);
      const { response } = await slash('ask', [{ name: 'question', value: 'who won?' }]);
      expect(response.status).toBe(204);
      expect(isEphemeral(response)).toBe(true);
      expect(response.data?.content).toBe(TEXT.genericError);
      const line = h.logs.findLast((l) => l.event === 'command-failed' || l.event === 'route-failed');
      expect(JSON.stringify(line)).toContain(ENGINE_FAILURE);
      await recovered();
    },
  );

  it.each(['current', 'answerFact'] as const)(
    'GIVEN %s throws on a "did you mean" button THEN a private apology',
    async (part) => {
      engines.breakNext(part);
      const ix = h.emu.sendButton({ customId: 'v1:ask:margin' });
      const response = await h.emu.waitForInteractionResponse(ix.id);
      expect(isEphemeral(response)).toBe(true);
      expect(response.data?.content).toBe(TEXT.genericError);
      await recovered();
    },
  );

  it.each(['current', 'kb'] as const)(
    'GIVEN %s throws during autocomplete THEN no choices (Discord shows none) and the error is logged',
    async (part) => {
      engines.breakNext(part);
      const ix = h.emu.sendAutocomplete({
        name: 'platform',
        options: [{ name: 'candidate', value: 'nor', focused: true }],
      });
      const response = await h.emu.waitForInteractionResponse(ix.id);
      expect(response).toMatchObject({ type: 8, status: 204, data: { choices: [] } });
      await recovered();
    },
  );

  it.each(['current', 'answer'] as const)(
    'GIVEN %s throws while answering a mention THEN the asker gets a short apology as the reply',
    async (part) => {
      engines.breakNext(part);
      const { reply } = await h.ask({
        content: `<@${h.emu.botUser.id}> who won?`,
        channelId: GENERAL,
        mentions: [{ id: h.emu.botUser.id, username: h.emu.botUser.username }],
      });
      expect(reply.content).toBe(TEXT.genericError);
      expect(h.logs.findLast((l) => l.event === 'free-text-failed')).toBeDefined();
      await recovered();
    },
  );

  it('GIVEN the pack reload throws inside the /reload effect THEN the deferred answer is edited to an apology', async () => {
    engines.breakNext('reload');
    const { ix, response } = await slash('reload', [], true);
    expect(response).toMatchObject({ type: 5, data: { flags: 64 } });
    const edit = await h.emu.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ix.token));
    expect(edit.body).toMatchObject({ content: TEXT.genericError });
    expect(h.logs.findLast((l) => l.event === 'effect-failed')).toMatchObject({ effect: 'reload-pack' });
    await recovered();
  });

  it('GIVEN the unanswered-questions log throws THEN the user still got the reply and a warning is logged', async () => {
    failingLog = true;
    const { response } = await slash('ask', [{ name: 'question', value: 'what is the capital of france?' }]);
    expect(response.data?.content).toContain(TEXT.noMatch);
    expect(await h.waitForLog((l) => l.event === 'unanswered-log-failed')).toMatchObject({ level: 40 });
  });

  it('THEN no handler crashed, the bot is still connected, and nothing it sent could ping', async () => {
    expect(h.logs.filter((l) => l.event === 'handler-crashed')).toEqual([]);
    await recovered();
    for (const r of messageRequests(h.emu))
      expect(r.allowedMentions).toEqual({ parse: [], replied_user: false });
  });
});
