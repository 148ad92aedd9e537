/**
 * Structured logging (pino): one JSON object per line. Every line passes through a redactor before
 * it is written, so the bot token, interaction tokens and webhook URLs never reach a log, whatever
 * field or error message they hide in.
 */
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Webhook and interaction-callback paths carry tokens: /webhooks/{id}/{token}, /interactions/{id}/{token}. */
const TOKEN_PATHS = /\/(webhooks|interactions)\/(\d{1,25})\/[\w.-]{8,}/g;
/** Anything shaped like a bot token (three base64url parts). */
const BOT_TOKEN_SHAPE = /\b[\w-]{20,30}\.[\w-]{5,10}\.[\w-]{25,60}\b/g;
const REDACTED = '[redacted]';

/** Replaces secrets in one log line. Exported for tests. */
export function redactLine(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);
  return out.replace(TOKEN_PATHS, `/$1/$2/${REDACTED}`).replace(BOT_TOKEN_SHAPE, REDACTED);
}

export interface LogSink {
  write(line: string): void;
}

/** Creates the logger. `secrets` (the bot token) are removed from every line written to `sink`. */
export function createLogger(opts: {
  readonly level: string;
  readonly secrets?: readonly (string | undefined)[];
  readonly sink?: LogSink;
}): Logger {
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const target = opts.sink ?? process.stdout;
  const stream = { write: (line: string) => target.write(redactLine(line, secrets)) };
  return pino(
    {
      level: opts.level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
        censor: REDACTED,
      },
    },
    stream,
  );
}

/** A logger that writes nothing (tests and the plain CLI). */
export const silentLogger: Logger = pino({ level: 'silent' });
