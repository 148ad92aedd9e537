import { ApplicationCommandType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import type { BotMessage } from '../../src/replies/message.ts';
import { loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let reply: BotMessage;
beforeAll(() => {
  reply = runCommand(loadTestEngine(), 'help').reply;
});

describe('/help', () => {
  it('GIVEN every slash command THEN help lists it with its description', () => {
    const text = onlyEmbed(reply).description ?? '';
    const slash = COMMANDS.filter(
      (c) => !('type' in c.data) || c.data.type === ApplicationCommandType.ChatInput,
    );
    expect(slash.length).toBeGreaterThan(10);
    for (const c of slash) {
      const description = 'description' in c.data ? c.data.description : '';
      expect(text).toContain(`**/${c.data.name}** — ${description}`);
    }
  });

  it('GIVEN the message context menu THEN help says how to find it by its name', () => {
    const text = onlyEmbed(reply).description ?? '';
    const menus = COMMANDS.filter((c) => 'type' in c.data && c.data.type === ApplicationCommandType.Message);
    expect(menus.length).toBeGreaterThan(0);
    for (const c of menus) expect(text).toContain(c.data.name);
  });

  it('GIVEN help THEN only the person who asked sees it', () => {
    expect(reply.flags).toBe(64);
  });
});
