/**
 * REST faults and Discord's error codes, end to end through the real discord.js Client: rate limits
 * (429 with retry_after) in a burst, a single 5xx (retried, as production retries), persistent 5xx
 * (the user is told Discord is having trouble where that can still be said, and the question is
 * logged), a REST answer slower than 3 s (the summary was deferred in time), and 10062, 40060, 50013,
 * 10008 and 401. After each, the next command still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT } from '../../src/replies/strings.ts';
import {
  DEFAULT_TEST_USER,
  MODERATOR_PERMISSIONS,
  MODERATOR_USER,
  type RecordedRequest,
} from '../emulator/index.ts';
import { GENERAL, type Harness, messageRequests, QUESTIONS, startHarness, TEST_TOKEN } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  // One retry, as in production (which retries 3 times); a timeout above the 3.5 s slow answer.
  h = await startHarness({ tuning: { restRetries: 1, restTimeoutMs: 6_000 } });
});

afterAll(async () => {
  await h?.close();
});

const botMention = () => ({ id: h.emu.botUser.id, username: h.emu.botUser.username });

/** Mentions the bot with a question in a channel (the message is returned; the reply is awaited separately). */
function mention(text: string, channelId = GENERAL) {
  return h.emu.sendMessage({
    content: `<@${h.emu.botUser.id}> ${text}`,
    channelId,
    mentions: [botMention()],
  });
}

/** Runs /margin and expects the answer: proof that the bot still serves. */
async function stillServes(): Promise<void> {
  const ix = h.emu.sendSlashCommand({ name: 'margin' });
  const response = await h.emu.waitForInteractionResponse(ix.id);
  expect(response.status).toBe(204);
  expect(JSON.stringify(response.data)).toContain('759');
}

/** Every callback request the bot made for an interaction. */
function callbacks(interactionId: string): RecordedRequest[] {
  return h.emu.requests.filter(
    (r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`),
  );
}

const contentOf = (r: RecordedRequest) => (r.body as { content?: string }).content;

describe('rate limits', () => {
  it('GIVEN a burst of five questions and a 429 with retry_after on the first reply THEN every reply arrives, the limited one after the wait, and only one request is repeated', async () => {
    h.emu.clearRecords();
    h.emu.failNext({
      method: 'POST',
      pathMatches: `/channels/${GENERAL}/messages`,
      status: 429,
      retryAfter: 0.4,
    });
    const questions = [
      'who won?',
      'how close was it?',
      'what did norwood promise?',
      'who is kasim reed?',
      'when was the runoff?',
    ];
    const sent = questions.map((q) => mention(q));
    for (const message of sent) {
      await h.emu.waitForRequest((r) => r.status === 200 && h.repliesTo(message.id).includes(r), 5_000);
    }
    const posts = h.emu.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${GENERAL}/messages`,
    );
    // Five replies and one repeat of the limited one: the client waited instead of hammering.
    expect(posts).toHaveLength(6);
    const limited = posts.find((r) => r.status === 429);
    const first = sent[0]?.id ?? '';
    expect(limited && h.repliesTo(first).includes(limited)).toBe(true);
    const retried = h.repliesTo(first).find((r) => r.status === 200);
    expect((retried?.at ?? 0) - (limited?.answeredAt ?? 0)).toBeGreaterThanOrEqual(400 - 5);
    const logged = await h.waitForLog((l) => l.event === 'rate-limited');
    expect(Number(logged.retryAfterMs)).toBeGreaterThanOrEqual(400);
  });
});

describe('5xx from Discord', () => {
  it('GIVEN one 500 on the interaction callback THEN it is retried once and the user sees the answer', async () => {
    h.emu.failNext({ method: 'POST', pathMatches: /\/callback$/, status: 500 });
    const ix = h.emu.sendSlashCommand({ name: 'margin' });
    await h.emu.waitForRequest((r) => r.path.startsWith(`/interactions/${ix.id}/`) && r.status === 204);
    expect(callbacks(ix.id).map((r) => r.status)).toEqual([500, 204]);
  });

  it('GIVEN one 502 on the reply to a mention THEN it is retried and the answer is posted', async () => {
    h.emu.failNext({ method: 'POST', pathMatches: `/channels/${GENERAL}/messages`, status: 502 });
    const message = mention('who won?');
    const posted = await h.emu.waitForRequest((r) => r.status === 200 && h.repliesTo(message.id).includes(r));
    expect(JSON.stringify(posted.body)).toContain('Keisha Lance Bottoms won');
    expect(h.repliesTo(message.id).map((r) => r.status)).toEqual([502, 200]);
  });

  it('GIVEN Discord keeps failing on the reply to a mention THEN the asker is told Discord is having trouble, and the question is logged', async () => {
    h.emu.failNext({ method: 'POST', pathMatches: `/channels/${GENERAL}/messages`, status: 500, times: 2 });
    const message = mention('how many votes separated them?');
    const told = await h.emu.waitForRequest(
      (r) => r.status === 200 && h.repliesTo(message.id).includes(r),
      5_000,
    );
    expect(contentOf(told)).toBe(TEXT.discordTrouble);
    const line = await h.waitForLog((l) => l.event === 'reply-failed' && l.level === 50);
    expect(line.question).toContain('how many votes separated them?');
    await stillServes();
  });

  it('GIVEN Discord keeps failing on the interaction callback THEN nothing more can be said, and the question is logged with the error', async () => {
    h.emu.failNext({ method: 'POST', pathMatches: /\/callback$/, status: 503, times: 2 });
    const ix = h.emu.sendSlashCommand({
      name: 'ask',
      options: [{ name: 'question', value: 'who won the runoff?' }],
    });
    const line = await h.waitForLog((l) => l.event === 'respond-failed' && l.failure === 'discord-trouble');
    expect(line).toMatchObject({ level: 50, name: 'ask', question: 'who won the runoff?' });
    expect(callbacks(ix.id).map((r) => r.status)).toEqual([503, 503]);
    await stillServes();
  });

  it('GIVEN Discord keeps failing while pinning the summary THEN the moderator is told Discord is having trouble', async () => {
    h.emu.failNext({ method: 'PUT', pathMatches: /\/messages\/pins\//, status: 500, times: 2 });
    const ix = summary(GENERAL);
    expect(contentOf(await h.emu.waitForOriginalEdit(ix, 5_000))).toBe(TEXT.discordTrouble);
    await stillServes();
  });
});

/** Runs /summary as a moderator. */
function summary(channelId: string) {
  return h.emu.sendSlashCommand({
    name: 'summary',
    channelId,
    user: MODERATOR_USER,
    memberPermissions: MODERATOR_PERMISSIONS,
  });
}

describe('a REST answer slower than 3 s', () => {
  it('GIVEN pinning the summary takes 3.5 s THEN the interaction was deferred within the 3 s window and the outcome is edited in', async () => {
    h.emu.failNext({ method: 'PUT', pathMatches: /\/messages\/pins\//, delayMs: 3_500 });
    const ix = summary(QUESTIONS);
    const first = await h.emu.waitForInteractionResponse(ix.id);
    // The emulator refuses (10062) a callback later than 3 s, as Discord does: 204 means in time.
    expect(first).toMatchObject({ type: 5, status: 204 });
    const edit = await h.emu.waitForOriginalEdit(ix, 6_000);
    expect(contentOf(edit)).toBe(TEXT.summaryPinned);
    expect(edit.at - first.request.at).toBeGreaterThanOrEqual(3_000);
    expect(h.emu.pins(QUESTIONS)).toHaveLength(1);
  });
});

describe('a slow answer to the initial callback', () => {
  it('GIVEN the callback is answered slower than the REST timeout THEN the bot retries, the user sees exactly one answer, and the duplicate is refused as already acknowledged', async () => {
    const quick = await startHarness({ tuning: { restRetries: 1, restTimeoutMs: 1_000 } });
    try {
      quick.emu.failNext({ method: 'POST', pathMatches: /\/callback$/, delayMs: 1_500 });
      const ix = quick.emu.sendSlashCommand({ name: 'margin' });
      await quick.emu.waitForRequest(
        (r) => r.path.startsWith(`/interactions/${ix.id}/`) && r.status === 400,
        5_000,
      );
      const answers = quick.emu.requests.filter((r) => r.path.startsWith(`/interactions/${ix.id}/`));
      expect(answers.map((r) => [r.status, (r.response as { code?: number } | undefined)?.code])).toEqual([
        [204, undefined],
        [400, 40060],
      ]);
      expect(quick.emu.messages(GENERAL).filter((m) => m.interaction_metadata?.id === ix.id)).toHaveLength(1);
      expect(quick.logs.filter((l) => l.level === 50)).toEqual([]);
    } finally {
      await quick.close();
    }
  });
});

describe("Discord's error codes", () => {
  it('GIVEN 10062 Unknown interaction on the callback (answered too late) THEN a warning is logged and the next command works', async () => {
    h.emu.failNext({
      method: 'POST',
      pathMatches: /\/callback$/,
      status: 404,
      body: { code: 10062, message: 'Unknown interaction' },
    });
    h.emu.sendSlashCommand({ name: 'results' });
    const line = await h.waitForLog((l) => l.event === 'respond-failed' && l.failure === 'expired');
    expect(line.level).toBe(40);
    await stillServes();
  });

  it('GIVEN 40060 already acknowledged on the callback THEN a warning is logged and the next command works', async () => {
    h.emu.failNext({
      method: 'POST',
      pathMatches: /\/callback$/,
      status: 400,
      body: { code: 40060, message: 'Interaction has already been acknowledged.' },
    });
    h.emu.sendSlashCommand({ name: 'poll' });
    const line = await h.waitForLog(
      (l) => l.event === 'respond-failed' && l.failure === 'already-acknowledged',
    );
    expect(line.level).toBe(40);
    await stillServes();
  });

  it('GIVEN 50013 Missing Permissions when replying in a channel THEN a warning, no "trouble" reply, and answers again once the permission is back', async () => {
    h.emu.setBotPermissions(QUESTIONS, { sendMessages: false });
    const refused = mention('who won?', QUESTIONS);
    const attempt = await h.emu.waitForRequest((r) => h.repliesTo(refused.id).includes(r));
    expect(attempt.response).toMatchObject({ code: 50013 });
    const line = await h.waitForLog((l) => l.event === 'reply-failed' && l.channelId === QUESTIONS);
    expect(line.level).toBe(40);
    h.emu.setBotPermissions(QUESTIONS, { sendMessages: true });
    const { reply } = await h.ask({
      content: `<@${h.emu.botUser.id}> who won?`,
      channelId: QUESTIONS,
      mentions: [botMention()],
    });
    expect(reply.embeds[0]?.description).toContain('Keisha Lance Bottoms won');
    expect(h.repliesTo(refused.id)).toHaveLength(1);
  });

  it('GIVEN 50013 when deleting an answer THEN the user is told it could not be deleted', async () => {
    h.emu.failNext({
      method: 'DELETE',
      pathMatches: /^\/channels\//,
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    const ix = h.emu.sendButton({ customId: `v1:del:${DEFAULT_TEST_USER.id}` });
    expect((await h.emu.waitForInteractionResponse(ix.id)).data?.content).toBe(TEXT.deleted);
    expect(contentOf(await h.emu.waitForOriginalEdit(ix))).toBe(TEXT.deleteFailed);
    await stillServes();
  });

  it('GIVEN 10008 Unknown message when deleting an answer that is already gone THEN nothing more is said (it is gone, as asked)', async () => {
    h.emu.failNext({
      method: 'DELETE',
      pathMatches: /^\/channels\//,
      status: 404,
      body: { code: 10008, message: 'Unknown Message' },
    });
    const ix = h.emu.sendButton({ customId: `v1:del:${DEFAULT_TEST_USER.id}` });
    expect((await h.emu.waitForInteractionResponse(ix.id)).data?.content).toBe(TEXT.deleted);
    await h.emu.waitForRequest((r) => r.method === 'DELETE' && r.status === 404);
    await stillServes();
    expect(h.emu.requests.filter((r) => r.method === 'PATCH' && r.path.includes(ix.token))).toEqual([]);
  });

  it('GIVEN 10008 when editing a pinned summary that was deleted meanwhile THEN a new summary is posted and pinned', async () => {
    const first = summary(GENERAL);
    await h.emu.waitForOriginalEdit(first);
    h.emu.failNext({
      method: 'PATCH',
      pathMatches: /^\/channels\/\d+\/messages\/\d+$/,
      status: 404,
      body: { code: 10008, message: 'Unknown Message' },
    });
    const second = summary(GENERAL);
    expect(contentOf(await h.emu.waitForOriginalEdit(second))).toBe(TEXT.summaryPinned);
  });

  it('GIVEN 401 on an interaction callback THEN the bot keeps its own token: the next /summary still pins with it', async () => {
    h.emu.failNext({
      method: 'POST',
      pathMatches: /\/callback$/,
      status: 401,
      body: { code: 0, message: '401: Unauthorized' },
    });
    h.emu.sendSlashCommand({ name: 'margin' });
    await h.waitForLog((l) => l.event === 'respond-failed' && l.failure === 'refused');
    h.emu.failNext({
      method: 'PATCH',
      pathMatches: /^\/webhooks\//,
      status: 401,
      body: { code: 0, message: '401: Unauthorized' },
    });
    const refusedEdit = summary(QUESTIONS);
    await h.waitForLog((l) => l.event === 'edit-failed');
    expect(
      h.emu.requests.some(
        (r) => r.method === 'PATCH' && r.path.includes(refusedEdit.token) && r.status === 401,
      ),
    ).toBe(true);

    const from = h.emu.requests.length;
    const ix = summary(QUESTIONS);
    expect(contentOf(await h.emu.waitForOriginalEdit(ix))).toBe(TEXT.summaryUpdated);
    const withToken = h.emu.requests.slice(from).filter((r) => r.path.startsWith(`/channels/${QUESTIONS}/`));
    expect(withToken.map((r) => r.status)).toEqual([200, 200]); // read the pins, edit the summary
    for (const r of withToken) expect(r.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    await stillServes();
  });

  it('THEN every message the bot created or edited in these faults blocked all mentions', () => {
    for (const r of messageRequests(h.emu))
      expect(r.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(h.logs.filter((l) => l.event === 'handler-crashed')).toEqual([]);
  });
});
