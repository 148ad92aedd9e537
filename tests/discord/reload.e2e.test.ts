/**
 * /reload end to end through the gateway, on a temporary copy of the knowledge pack edited on disk
 * while the bot runs: a valid pack replaces the old one and is answered from at once; an invalid one
 * is refused with its validation message (file, fact, field) and the previous pack keeps serving;
 * members who are not moderators are refused. SIGHUP, the other way to reload, is tested with the
 * real process in main-process.e2e.test.ts.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPack, PACK_FILES } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { createEngineHolder } from '../../src/engine/holder.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { MODERATOR_PERMISSIONS, MODERATOR_USER } from '../emulator/index.ts';
import { copyBundledPack, editFactOnDisk } from '../support/pack.ts';
import { GENERAL, type Harness, startHarness } from './harness.ts';

const EDITED = 'Keisha Lance Bottoms won the runoff (this answer was edited while the bot ran).';

let h: Harness;
let packDir: string;

beforeAll(async () => {
  packDir = copyBundledPack();
  h = await startHarness({ engines: createEngineHolder(() => loadPack(packDir)) });
});

afterAll(async () => {
  await h?.close();
  rmSync(packDir, { recursive: true, force: true });
});

/** Runs /reload; returns the first response and the text edited into it (if any). */
async function reload(asModerator = true) {
  const ix = h.emu.sendSlashCommand({
    name: 'reload',
    ...(asModerator
      ? {
          user: MODERATOR_USER,
          memberPermissions: MODERATOR_PERMISSIONS,
        }
      : {}),
  });
  const first = await h.emu.waitForInteractionResponse(ix.id);
  if (!asModerator) return { first, outcome: undefined };
  const edit = await h.emu.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ix.token));
  return { first, outcome: (edit.body as { content?: string }).content ?? '' };
}

/** What the bot answers to "who won?" now, through /ask and through a mention. */
async function whoWon(): Promise<{ slash: string; mention: string }> {
  const ix = h.emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'who won?' }] });
  const response = await h.emu.waitForInteractionResponse(ix.id);
  h.advanceClock(61_000); // past the cooldown, or the mention gets "I answered that a moment ago"
  const { reply } = await h.ask({
    content: `<@${h.emu.botUser.id}> who won?`,
    channelId: GENERAL,
    mentions: [{ id: h.emu.botUser.id, username: h.emu.botUser.username }],
  });
  return {
    slash: response.data?.embeds?.[0]?.description ?? '',
    mention: reply.embeds[0]?.description ?? '',
  };
}

describe('/reload', () => {
  it('GIVEN a member without Manage Messages THEN refused privately, and the pack is not reloaded', async () => {
    editFactOnDisk(packDir, 'winner', (f) => {
      f.answer = EDITED;
    });
    const { first } = await reload(false);
    expect(first.data).toMatchObject({ content: TEXT.needModerator, flags: 64 });
    expect((await whoWon()).slash).toMatch(/^Keisha Lance Bottoms won the Dec\. 5 runoff/);
  });

  it('GIVEN a valid edit on disk and a moderator THEN a private "thinking", then "Reloaded", and the new answer is served at once', async () => {
    const { first, outcome } = await reload();
    expect(first).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(outcome).toMatch(/^Reloaded the knowledge pack "atlanta-2017-runoff" \(\d+ facts\)/);
    expect(await whoWon()).toEqual({ slash: EDITED, mention: EDITED });
    expect(await h.waitForLog((l) => l.event === 'pack-reloaded')).toMatchObject({
      userId: MODERATOR_USER.id,
    });
  });

  it('GIVEN an invalid edit on disk THEN refused with the file, fact and field, and the previous pack keeps serving', async () => {
    editFactOnDisk(packDir, 'winner', (f) => {
      f.answer = 'This pack is broken.';
      f.quotes = ['A sentence the article never printed.'];
    });
    const { outcome } = await reload();
    expect(outcome).toContain('The knowledge pack was not reloaded; the previous one is still serving.');
    expect(outcome).toContain('facts.json: fact "winner", field "quotes.0": quote not found in article.txt');
    expect(await whoWon()).toEqual({ slash: EDITED, mention: EDITED });
    expect(await h.waitForLog((l) => l.event === 'pack-reload-refused')).toMatchObject({ level: 40 });
  });

  it('GIVEN the pack repaired and reloaded, then a facts file that is not even JSON THEN refused the same way, and still serving', async () => {
    cpSync(join(DEFAULT_PACK_DIR, PACK_FILES.facts), join(packDir, PACK_FILES.facts));
    editFactOnDisk(packDir, 'winner', (f) => {
      f.answer = EDITED;
    });
    expect((await reload()).outcome).toMatch(/^Reloaded/);
    writeFileSync(join(packDir, PACK_FILES.facts), '{ "facts": [');
    expect((await reload()).outcome).toContain('facts.json: not valid JSON');
    expect((await whoWon()).slash).toBe(EDITED);
  });
});
