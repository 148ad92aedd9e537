import { GatewayIntentBits, Partials } from 'discord.js';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { clientOptions, gatewayIntents } from '../../src/discord/client.ts';

const base = { DISCORD_API_BASE: 'http://127.0.0.1:1/api' };

describe('gatewayIntents', () => {
  it('GIVEN no Q&A channels THEN Guilds, GuildMessages and DirectMessages only (no privileged intent)', () => {
    expect(gatewayIntents(parseConfig(base))).toEqual([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ]);
  });

  it('GIVEN Q&A channels THEN Message Content too', () => {
    const config = parseConfig({ ...base, QA_CHANNEL_IDS: '300000000000000012' });
    expect(gatewayIntents(config)).toContain(GatewayIntentBits.MessageContent);
  });
});

describe('clientOptions', () => {
  it('GIVEN a configuration THEN mentions are blocked, DMs are received, and REST uses DISCORD_API_BASE', () => {
    const options = clientOptions(parseConfig(base), { restTimeoutMs: 1234, restRetries: 0 });
    expect(options.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(options.partials).toEqual([Partials.Channel]);
    expect(options.rest).toEqual({
      api: base.DISCORD_API_BASE,
      timeout: 1234,
      retries: 0,
      agent: expect.any(Agent),
    });
  });

  it('GIVEN no tuning (production) THEN a failed or timed-out REST request is retried, and discord.js keeps its identify throttle', () => {
    const options = clientOptions(parseConfig(base));
    expect(options.rest?.retries).toBeGreaterThanOrEqual(1);
    expect(options.rest).toEqual({
      api: base.DISCORD_API_BASE,
      timeout: 15_000,
      retries: 3,
      agent: expect.any(Agent),
    });
    expect(options.ws).toBeUndefined();
  });
});
