import { describe, expect, it } from 'vitest';
import { ConfigError, chooseMode, parseConfig } from '../src/config.ts';

/** Shaped like a real bot token (id . timestamp . hmac), but not one. */
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const APP_ID = '123456789012345678';

/** The ConfigError message for `env`; fails the test if it parses. */
function configError(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be refused`);
}

describe('parseConfig', () => {
  it('GIVEN an empty environment THEN the defaults: no token, port 8080, info logs, no Q&A channels', () => {
    const config = parseConfig({});
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.QA_CHANNEL_IDS).toEqual([]);
    expect(config.DISCORD_API_BASE).toBe('https://discord.com/api');
  });

  it('GIVEN blank values THEN they count as unset', () => {
    const config = parseConfig({ DISCORD_TOKEN: '  ', PORT: '', MODE: '' });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.PORT).toBe(8080);
    expect(config.MODE).toBeUndefined();
  });

  it('GIVEN a token with stray spaces THEN it is trimmed', () => {
    expect(parseConfig({ DISCORD_TOKEN: ` ${TOKEN}\n` }).DISCORD_TOKEN).toBe(TOKEN);
  });

  it.each(['abc', '0', '70000', '80.5'])('GIVEN PORT=%s THEN the error names PORT', (port) => {
    const message = configError({ PORT: port });
    expect(message).toMatch(/^Configuration error: PORT /);
  });

  it('GIVEN a valid port THEN it is a number', () => {
    expect(parseConfig({ PORT: '3000' }).PORT).toBe(3000);
  });

  it('GIVEN a malformed token THEN the error names DISCORD_TOKEN without echoing it', () => {
    const bad = `${TOKEN} oops`;
    const message = configError({ DISCORD_TOKEN: bad });
    expect(message).toContain('DISCORD_TOKEN');
    expect(message).not.toContain(TOKEN.slice(0, 20));
  });

  it.each([
    'DISCORD_APPLICATION_ID',
    'DISCORD_GUILD_ID',
    'DISCORD_PUBLIC_KEY',
    'QA_CHANNEL_IDS',
    'DISCORD_API_BASE',
    'MODE',
    'PORT',
    'LOG_LEVEL',
  ])(
    'GIVEN the token pasted into %s by mistake THEN the error names the variable and never shows the token',
    (name) => {
      const message = configError({ [name]: TOKEN });
      expect(message).toContain(name);
      for (const part of TOKEN.split('.')) expect(message).not.toContain(part);
    },
  );

  it('GIVEN Q&A channel ids separated by commas and spaces THEN a list of ids', () => {
    const other = '234567890123456789';
    expect(parseConfig({ QA_CHANNEL_IDS: ` ${APP_ID} , ${other},, ` }).QA_CHANNEL_IDS).toEqual([
      APP_ID,
      other,
    ]);
  });

  it('GIVEN a Q&A channel id that is not a Discord id THEN the error names QA_CHANNEL_IDS', () => {
    expect(configError({ QA_CHANNEL_IDS: `${APP_ID},general` })).toContain('QA_CHANNEL_IDS');
  });

  it.each([
    ['MODE', 'server'],
    ['LOG_LEVEL', 'loud'],
    ['DISCORD_API_BASE', 'ftp://example.com'],
    ['DISCORD_APPLICATION_ID', '123'],
    ['DISCORD_PUBLIC_KEY', 'abc'],
  ])('GIVEN %s=%s THEN the error names %s', (name, value) => {
    expect(configError({ [name]: value })).toMatch(new RegExp(`^Configuration error: ${name} `));
  });

  it('GIVEN a complete gateway configuration THEN every value is read', () => {
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      MODE: 'gateway',
      LOG_LEVEL: 'debug',
      UNANSWERED_LOG: 'logs/x.jsonl',
    });
    expect(config).toMatchObject({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      MODE: 'gateway',
      LOG_LEVEL: 'debug',
      UNANSWERED_LOG: 'logs/x.jsonl',
    });
  });
});

describe('chooseMode', () => {
  const noToken = parseConfig({});
  const withToken = parseConfig({ DISCORD_TOKEN: TOKEN });

  it('GIVEN no token THEN the local console', () => {
    expect(chooseMode(noToken, [])).toBe('console');
  });

  it('GIVEN a token THEN the gateway bot', () => {
    expect(chooseMode(withToken, [])).toBe('gateway');
  });

  it('GIVEN --http THEN the HTTP endpoint, with or without a token', () => {
    expect(chooseMode(withToken, ['--http'])).toBe('http');
    expect(chooseMode(noToken, ['--http'])).toBe('http');
  });

  it('GIVEN --console THEN the console even with a token', () => {
    expect(chooseMode(withToken, ['--console'])).toBe('console');
  });

  it('GIVEN MODE in the environment THEN it wins over the token, and a flag wins over it', () => {
    const http = parseConfig({ DISCORD_TOKEN: TOKEN, MODE: 'http' });
    expect(chooseMode(http, [])).toBe('http');
    expect(chooseMode(http, ['--console'])).toBe('console');
  });
});
