/**
 * Gateway faults through the emulator, with the real discord.js Client: after a dropped socket
 * (1006), a close Discord asks to resume from (4000, 4009), a Reconnect (op 7) and an Invalid Session
 * (op 9, resumable or not), the bot is back and answers the next interaction. A close that ends the
 * session for good (4004 bad token, 4014 intent not allowed) settles `bot.closed` instead of a
 * reconnect loop; `npm start` turning that into one line and exit code 1 is tested in
 * main-process.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainCloseCode } from '../../src/discord/explain.ts';
import type { DiscordEmulator } from '../emulator/index.ts';
import { type Harness, NO_IDENTIFY_WAIT, QUESTIONS, startHarness } from './harness.ts';

const OP = { identify: 2, resume: 6 } as const;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ tuning: NO_IDENTIFY_WAIT });
});

afterAll(async () => {
  await h?.close();
});

/** Sends /margin and returns the bot's answer (the callback it posted). */
async function askMargin(emu: DiscordEmulator) {
  const ix = emu.sendSlashCommand({ name: 'margin' });
  return emu.waitForInteractionResponse(ix.id, 5_000);
}

/** The session-restoring frame the bot sent after a fault: op 6 (resume) or op 2 (identify). */
async function reconnectedWith(emu: DiscordEmulator, op: number): Promise<void> {
  await emu.waitForGatewayFrame((f) => f.op === op, 5_000);
}

describe('the gateway drops or restarts the session', () => {
  const cases: {
    readonly fault: string;
    readonly inject: (emu: DiscordEmulator) => void;
    readonly restores: 'resume' | 'identify';
  }[] = [
    { fault: 'the socket is cut (1006)', inject: (e) => e.closeGateway(1006), restores: 'resume' },
    { fault: 'close 4000 (unknown error)', inject: (e) => e.closeGateway(4000), restores: 'resume' },
    { fault: 'close 4009 (session timed out)', inject: (e) => e.closeGateway(4009), restores: 'resume' },
    { fault: 'op 7 Reconnect', inject: (e) => e.sendReconnect(), restores: 'resume' },
    {
      fault: 'op 9 Invalid Session, resumable',
      inject: (e) => e.sendInvalidSession(true),
      restores: 'resume',
    },
    {
      fault: 'op 9 Invalid Session, not resumable',
      inject: (e) => e.sendInvalidSession(false),
      restores: 'identify',
    },
  ];

  it.each(cases)(
    'GIVEN $fault THEN the bot restores the session ($restores) and answers the next interaction',
    async (c) => {
      h.emu.clearRecords();
      c.inject(h.emu);
      await reconnectedWith(h.emu, c.restores === 'resume' ? OP.resume : OP.identify);
      if (c.restores === 'identify') await h.emu.waitForReady(5_000);
      const response = await askMargin(h.emu);
      expect(response.status).toBe(204);
      expect(JSON.stringify(response.data)).toContain('759');
    },
  );

  it('GIVEN the socket is cut and an interaction arrives while the bot is away THEN it is replayed on resume and answered', async () => {
    h.emu.clearRecords();
    h.emu.closeGateway(1006);
    // Dispatched while no socket is open: the emulator keeps it for the resume, as Discord does.
    const response = await askMargin(h.emu);
    expect(response.status).toBe(204);
    expect(h.emu.gatewayLog.some((f) => f.op === OP.resume)).toBe(true);
    expect(h.logs.some((l) => l.event === 'gateway-resumed')).toBe(true);
  });

  it('THEN none of these faults was taken for the end of the session', async () => {
    const settled = await Promise.race([h.bot.closed, Promise.resolve('still open')]);
    expect(settled).toBe('still open');
    expect(h.logs.filter((l) => l.event === 'gateway-closed')).toEqual([]);
  });
});

describe('Discord ends the session for good', () => {
  it.each([
    { code: 4004, reason: 'the token was reset', says: 'DISCORD_TOKEN' },
    { code: 4014, reason: 'the Message Content intent was turned off', says: 'Message Content Intent' },
  ])(
    'GIVEN close $code ($reason) while serving THEN `closed` settles with the code, without reconnecting, and the line to print says what to fix',
    async ({ code, says }) => {
      const own = await startHarness({ qaChannelIds: [QUESTIONS], tuning: NO_IDENTIFY_WAIT });
      try {
        own.emu.clearRecords();
        own.emu.closeGateway(code);
        expect(await own.bot.closed).toBe(code);
        expect(await own.waitForLog((l) => l.event === 'gateway-closed')).toMatchObject({ code });
        // discord.js gives up on these codes: no new connection, no Identify or Resume.
        expect(own.emu.gatewayLog.filter((f) => f.op === OP.identify || f.op === OP.resume)).toEqual([]);
        expect(explainCloseCode(code)).toContain(says);
        expect(explainCloseCode(code)).not.toContain('\n');
      } finally {
        await own.close();
      }
    },
  );
});
