import { PermissionFlagsBits } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { reload } from '../../src/commands/reload.ts';
import { UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { loadTestEngine, MEMBER, MODERATOR, runCommand } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

describe('/reload', () => {
  it('GIVEN its definition THEN only members with Manage Messages see it, and not in DMs', () => {
    expect(reload.data).toMatchObject({
      name: 'reload',
      default_member_permissions: String(PermissionFlagsBits.ManageMessages),
      dm_permission: false,
    });
  });

  it('GIVEN a member without Manage Messages (a server let them see it) THEN a UserError says it is for moderators, and nothing is reloaded', () => {
    const run = () => runCommand(engine, 'reload', [], { invoker: MEMBER });
    expect(run).toThrow(UserError);
    expect(run).toThrow(TEXT.needModerator);
  });

  it('GIVEN a moderator THEN a private "reloading" reply and the reload-pack effect for the front door', () => {
    const outcome = runCommand(engine, 'reload', [], { invoker: MODERATOR });
    expect(outcome.reply).toMatchObject({ content: TEXT.reloading, flags: 64 });
    expect(outcome.effect).toEqual({ kind: 'reload-pack' });
  });
});
