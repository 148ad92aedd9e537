import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseConfig } from '../src/config.ts';

const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');

describe('.env.example', () => {
  it('THEN it lists exactly the keys config.ts reads', () => {
    expect(Object.keys(parse(text)).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('THEN every key has a comment just above it', () => {
    const lines = text.split('\n');
    for (const key of CONFIG_KEYS) {
      const at = lines.findIndex((l) => l.startsWith(`${key}=`));
      expect(lines[at - 1], key).toMatch(/^# /);
    }
  });

  it('GIVEN it copied to .env unchanged THEN the configuration parses (local console, defaults)', () => {
    const config = parseConfig(parse(text));
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DISCORD_API_BASE).toBe('https://discord.com/api');
    expect(config.QA_CHANNEL_IDS).toEqual([]);
  });
});
