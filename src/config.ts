/**
 * Configuration, parsed once: loads `.env` (dotenv), validates `process.env` with zod and returns a
 * typed object. This is the only file that reads `process.env`. A bad value stops the bot with one
 * line naming the variable (exit code 2), never a stack trace, and never echoes a secret.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const EnvSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[\w.-]{20,200}$/, 'does not look like a bot token')
      .optional(),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(emptyToUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyToUndefined, snowflake.optional()),
  DISCORD_PUBLIC_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64-hex-character public key from the developer portal')
      .optional(),
  ),
  QA_CHANNEL_IDS: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    z.array(snowflake),
  ),
  DISCORD_API_BASE: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://discord.com/api'),
  ),
  MODE: z.preprocess(emptyToUndefined, z.enum(['gateway', 'http', 'console']).optional()),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(8080)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  KNOWLEDGE_PACK_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  UNANSWERED_LOG: z.preprocess(emptyToUndefined, z.string().default('logs/unanswered.jsonl')),
});

export type Config = z.infer<typeof EnvSchema>;

/** Every environment variable the bot reads (`.env.example` lists each one). */
export const CONFIG_KEYS: readonly (keyof Config)[] = Object.freeze(
  Object.keys(EnvSchema.shape) as (keyof Config)[],
);

/** A configuration problem, already phrased for the operator. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (pure; tests pass their own). Throws ConfigError naming the variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? 'is invalid'}.`);
}

/** Loads `.env` into the environment (without overriding what is set) and parses it. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

/** Which front door `npm start` opens: HTTP if asked, the gateway with a token, else the console. */
export function chooseMode(config: Config, argv: readonly string[]): 'gateway' | 'http' | 'console' {
  if (argv.includes('--http')) return 'http';
  if (argv.includes('--console')) return 'console';
  if (config.MODE) return config.MODE;
  return config.DISCORD_TOKEN ? 'gateway' : 'console';
}
