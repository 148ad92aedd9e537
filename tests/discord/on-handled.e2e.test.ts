/**
 * `startGatewayBot`'s `onHandled`: told when the handler of an interaction or a chat message has
 * finished (after its answer was sent), and harmless when it throws.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { type GatewayBot, type HandledEvent, startGatewayBot } from '../../src/discord/bot.ts';
import { silentLogger } from '../../src/log.ts';
import { type DiscordEmulator, startEmulator } from '../emulator/index.ts';
import { QUESTIONS, TEST_TOKEN, testEngines } from './harness.ts';

let emu: DiscordEmulator | undefined;
let bot: GatewayBot | undefined;

afterEach(async () => {
  await bot?.stop();
  await emu?.close();
  bot = undefined;
  emu = undefined;
});

async function boot(onHandled: (event: HandledEvent) => void) {
  emu = await startEmulator();
  const config = parseConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_BASE: emu.apiBase,
    QA_CHANNEL_IDS: QUESTIONS,
  });
  bot = await startGatewayBot({
    config,
    engines: testEngines(),
    logger: silentLogger,
    tuning: { restTimeoutMs: 2000, restRetries: 0 },
    onHandled,
  });
  return emu;
}

/** Resolves with the first event matching. */
function waitFor(events: HandledEvent[], match: (e: HandledEvent) => boolean): Promise<HandledEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = events.find(match);
      if (found) resolve(found);
      else if (Date.now() - started > 2000) reject(new Error('no matching handled event'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('onHandled', () => {
  it('GIVEN a slash command THEN it is reported once the callback has been answered', async () => {
    const events: HandledEvent[] = [];
    const emu = await boot((e) => events.push(e));
    const ix = emu.sendSlashCommand({ name: 'margin' });
    await waitFor(events, (e) => e.id === ix.id);
    expect(events.filter((e) => e.id === ix.id)).toEqual([{ kind: 'interaction', id: ix.id }]);
    // The callback was already recorded when the handler was reported finished.
    expect(emu.requests.some((r) => r.path.startsWith(`/interactions/${ix.id}/`))).toBe(true);
  });

  it('GIVEN a question in the Q&A channel THEN it is reported after the reply was posted', async () => {
    const events: HandledEvent[] = [];
    const emu = await boot((e) => events.push(e));
    const sent = emu.sendMessage({ content: 'Who won the Atlanta mayoral runoff?', channelId: QUESTIONS });
    await waitFor(events, (e) => e.id === sent.id);
    expect(events.find((e) => e.id === sent.id)?.kind).toBe('message');
    const reply = emu.requests.find(
      (r) =>
        r.path === `/channels/${QUESTIONS}/messages` &&
        JSON.stringify(r.body).includes(`"message_id":"${sent.id}"`),
    );
    expect(reply?.status).toBe(200);
  });

  it('GIVEN an observer that throws THEN the bot keeps answering', async () => {
    const emu = await boot(() => {
      throw new Error('observer failed (test)');
    });
    const first = emu.sendSlashCommand({ name: 'margin' });
    expect((await emu.waitForInteractionResponse(first.id)).status).toBe(204);
    const second = emu.sendSlashCommand({ name: 'results' });
    expect((await emu.waitForInteractionResponse(second.id)).status).toBe(204);
  });
});
