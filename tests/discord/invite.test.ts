import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, inviteUrl } from '../../src/discord/invite.ts';

describe('inviteUrl', () => {
  it('GIVEN an application id THEN the bot and applications.commands scopes with the permissions the bot uses', () => {
    const url = inviteUrl('123456789012345678');
    expect(url).toBe(
      `https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`,
    );
  });

  it('THEN the permissions are exactly View Channel, Send Messages (and in threads), Embed Links, Read Message History, Manage Messages', () => {
    const expected = [
      PermissionFlagsBits.ViewChannel,
      PermissionFlagsBits.SendMessages,
      PermissionFlagsBits.SendMessagesInThreads,
      PermissionFlagsBits.EmbedLinks,
      PermissionFlagsBits.ReadMessageHistory,
      PermissionFlagsBits.ManageMessages,
    ].reduce((a, b) => a | b, 0n);
    expect(BOT_PERMISSIONS).toBe(expected);
    expect(BOT_PERMISSIONS & PermissionFlagsBits.Administrator).toBe(0n);
    expect(BOT_PERMISSIONS).toBe(274878000128n);
  });
});
