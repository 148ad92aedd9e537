/**
 * /summary end to end: the moderator's command is acknowledged privately at once, then the bot
 * posts and pins the results summary (or edits the one it pinned before) over REST and edits the
 * private response with the outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/commands/summary.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { MODERATOR_PERMISSIONS, MODERATOR_USER } from '../emulator/index.ts';
import { type Harness, messageRequests, startHarness } from './harness.ts';

const GUILD = '300000000000000001';
const PINNED = '300000000000000021';
const NO_PERMISSION = '300000000000000022';
const FULL_OF_PINS = '300000000000000023';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    emulator: {
      guilds: [
        {
          id: GUILD,
          name: 'Campus',
          channels: [
            { id: PINNED, name: 'election', type: 0 },
            { id: NO_PERMISSION, name: 'locked', type: 0 },
            { id: FULL_OF_PINS, name: 'pinboard', type: 0 },
          ],
        },
      ],
    },
  });
});

afterAll(async () => {
  await h?.close();
});

/** Runs /summary as a moderator in a channel; returns the first response and the edit with the outcome. */
async function summary(channelId: string) {
  const ix = h.emu.sendSlashCommand({
    name: 'summary',
    channelId,
    user: MODERATOR_USER,
    memberPermissions: MODERATOR_PERMISSIONS,
  });
  const first = await h.emu.waitForInteractionResponse(ix.id);
  const edit = await h.emu.waitForOriginalEdit(ix);
  return { first, edit, outcome: (edit.body as { content?: string }).content };
}

const summaries = (channelId: string) =>
  h.emu.messages(channelId).filter((m) => m.embeds.some((e) => e.author?.name === SUMMARY_MARKER));

describe('/summary', () => {
  it('GIVEN a moderator THEN a private "thinking" first, then the summary is posted and pinned', async () => {
    const { first, edit, outcome } = await summary(PINNED);
    expect(first.type).toBe(5);
    expect(first.data?.flags).toBe(64);
    expect(edit.status).toBe(200);
    expect(outcome).toBe(TEXT.summaryPinned);
    const pins = h.emu.pins(PINNED);
    expect(pins).toHaveLength(1);
    const embed = pins[0]?.embeds[0];
    expect(embed?.author?.name).toBe(SUMMARY_MARKER);
    expect(JSON.stringify(embed)).toContain('50.41%');
    expect(JSON.stringify(embed)).toContain('12:40 a.m.');
  });

  it('GIVEN a second run in the same channel THEN the pinned summary is edited in place: still one pin, one summary', async () => {
    const pinnedId = h.emu.pins(PINNED)[0]?.id;
    const { outcome } = await summary(PINNED);
    expect(outcome).toBe(TEXT.summaryUpdated);
    expect(h.emu.pins(PINNED).map((m) => m.id)).toEqual([pinnedId]);
    expect(summaries(PINNED)).toHaveLength(1);
    const edited = h.emu.requests.find(
      (r) => r.method === 'PATCH' && r.path === `/channels/${PINNED}/messages/${pinnedId}`,
    );
    expect(edited?.status).toBe(200);
  });

  it('GIVEN a member without Manage Messages THEN refused privately and nothing is posted', async () => {
    const before = h.emu.messages(PINNED).length;
    const ix = h.emu.sendSlashCommand({ name: 'summary', channelId: PINNED });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(response.type).toBe(4);
    expect(response.data).toMatchObject({ content: TEXT.needModerator, flags: 64 });
    expect(h.emu.messages(PINNED).length).toBe(before + 1); // only the private refusal
  });

  it('GIVEN the bot lacks Manage Messages in the channel THEN the moderator is told which permission is missing', async () => {
    h.emu.setBotPermissions(NO_PERMISSION, { manageMessages: false });
    const { outcome } = await summary(NO_PERMISSION);
    expect(outcome).toBe(TEXT.summaryMissingPermission);
    expect(h.emu.pins(NO_PERMISSION)).toHaveLength(0);
  });

  it('GIVEN the channel has the most pins Discord allows THEN the moderator is told to unpin something', async () => {
    h.emu.failNext({
      method: 'PUT',
      pathMatches: new RegExp(`^/channels/${FULL_OF_PINS}/messages/pins/`),
      status: 400,
      body: { code: 30003, message: 'Maximum number of pins reached (250)' },
    });
    const { outcome } = await summary(FULL_OF_PINS);
    expect(outcome).toBe(TEXT.summaryPinLimit);
    expect(h.emu.pins(FULL_OF_PINS)).toHaveLength(0);
  });

  it('GIVEN Discord fails (5xx) while posting THEN the moderator is told Discord is having trouble and the bot carries on', async () => {
    h.emu.failNext({ method: 'GET', pathMatches: `/channels/${PINNED}/messages/pins`, status: 500 });
    const { outcome } = await summary(PINNED);
    expect(outcome).toBe(TEXT.discordTrouble);
    expect(await h.waitForLog((l) => l.event === 'summary-failed')).toBeDefined();
    const { outcome: retried } = await summary(PINNED);
    expect(retried).toBe(TEXT.summaryUpdated);
  });

  it('THEN every message the bot created or edited blocks all mentions', () => {
    const requests = messageRequests(h.emu);
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) expect(r.allowedMentions).toEqual({ parse: [], replied_user: false });
  });
});
