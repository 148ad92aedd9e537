/**
 * `forgetHistory()`: what a long load run accumulates in the emulator (records, messages,
 * interactions, the replay buffer) can be dropped, while pins and channels stay.
 */
import { Client, Events, GatewayIntentBits, type TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startEmulator } from './index.ts';

let emu: DiscordEmulator | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await emu?.close();
  client = undefined;
  emu = undefined;
});

async function boot() {
  const started = await startEmulator();
  emu = started;
  const bot = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: started.apiBase, timeout: 2000, retries: 0 },
  });
  client = bot;
  const ready = new Promise<void>((resolve) => bot.once(Events.ClientReady, () => resolve()));
  await bot.login('fake-token');
  await ready;
  const channelId = started.guilds[0]?.channels[0]?.id ?? '';
  return { emu: started, bot, channelId };
}

describe('forgetHistory', () => {
  it('GIVEN messages, a pin and an interaction THEN it drops all but the pinned message and forgets the interaction', async () => {
    const { emu, bot, channelId } = await boot();
    const channel = (await bot.channels.fetch(channelId)) as TextChannel;
    const kept = await channel.send('pinned');
    await kept.pin();
    await channel.send('not pinned');
    const ix = emu.sendSlashCommand({ name: 'results' });
    expect(emu.messages(channelId)).toHaveLength(2);
    expect(emu.requests.length).toBeGreaterThan(0);

    emu.forgetHistory();

    expect(emu.requests).toEqual([]);
    expect(emu.messages(channelId).map((m) => m.id)).toEqual([kept.id]);
    expect(emu.pins(channelId).map((m) => m.id)).toEqual([kept.id]);
    // The interaction is forgotten: its callback is refused as Discord refuses an unknown one.
    const late = await fetch(`${emu.apiBase}/v10/interactions/${ix.id}/${ix.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'hi' } }),
    });
    expect(late.status).toBe(404);
    expect(((await late.json()) as { code: number }).code).toBe(10062);
  });
});
