import { beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/commands/summary.ts';
import { UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { resultsEmbed } from '../../src/replies/embeds.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { limitProblems, loadTestEngine, MEMBER, MODERATOR, onlyEmbed, runCommand } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

describe('/summary', () => {
  it('GIVEN a member without Manage Messages THEN a UserError says it is for moderators, and nothing is pinned', () => {
    const run = () => runCommand(engine, 'summary', [], { invoker: MEMBER });
    expect(run).toThrow(UserError);
    expect(run).toThrow(TEXT.needModerator);
  });

  it('GIVEN a moderator THEN a private confirmation and a pin-summary effect', () => {
    const outcome = runCommand(engine, 'summary', [], { invoker: MODERATOR });
    expect(outcome.reply.content).toBe(TEXT.summaryPinned);
    expect(outcome.reply.flags).toBe(64);
    expect(outcome.effect?.kind).toBe('pin-summary');
  });

  it('GIVEN the pinned message THEN it is the results card, marked so a later /summary finds it', () => {
    const outcome = runCommand(engine, 'summary', [], { invoker: MODERATOR });
    if (outcome.effect?.kind !== 'pin-summary') throw new Error('expected a pin-summary effect');
    const pinned = onlyEmbed(outcome.effect.message);
    expect(pinned.author?.name).toBe(SUMMARY_MARKER);
    const results = resultsEmbed(engine.kb);
    expect(pinned.title).toBe(results.title);
    expect(pinned.fields).toEqual(results.fields);
    expect(outcome.effect.message.flags).toBeUndefined();
    expect(limitProblems(outcome.effect.message)).toEqual([]);
  });

  it('GIVEN no channel (a DM) THEN a UserError asks for a server channel', () => {
    expect(() => runCommand(engine, 'summary', [], { invoker: MODERATOR, channelId: null })).toThrow(
      UserError,
    );
  });
});
