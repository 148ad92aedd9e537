import { describe, expect, it } from 'vitest';
import { createLogger, redactLine } from '../src/log.ts';
import { captureSink } from './support/log-capture.ts';
import { LOG_TEST_PLAIN_SECRET, LOG_TEST_TOKEN } from './support/secrets.ts';

const TOKEN = LOG_TEST_TOKEN;
/** A secret with no bot-token shape: only the secrets list can catch it. */
const PLAIN_SECRET = LOG_TEST_PLAIN_SECRET;
const WEBHOOK_TOKEN = 'aW50ZXJhY3Rpb246OTk5OTk5OTk5OTk5OTk5OTk5OnNlY3JldA';
const WEBHOOK_URL = `https://discord.com/api/v10/webhooks/123456789012345678/${WEBHOOK_TOKEN}/messages/@original`;
const CALLBACK_URL = `https://discord.com/api/v10/interactions/987654321098765432/${WEBHOOK_TOKEN}/callback`;

/** A logger writing to an array, and the lines it wrote. */
function capture(secrets: string[]) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    secrets,
    sink: captureSink({ write: (line) => lines.push(line) }),
  });
  return { logger, lines };
}

describe('redactLine', () => {
  it('GIVEN a line with a listed secret THEN the secret is replaced', () => {
    expect(redactLine(`pass=${PLAIN_SECRET};`, [PLAIN_SECRET])).toBe('pass=[redacted];');
  });

  it('GIVEN a webhook or interaction URL THEN its token is replaced and its id kept', () => {
    const out = redactLine(`${WEBHOOK_URL} ${CALLBACK_URL}`, []);
    expect(out).not.toContain(WEBHOOK_TOKEN);
    expect(out).toContain('/webhooks/123456789012345678/[redacted]');
    expect(out).toContain('/interactions/987654321098765432/[redacted]');
  });

  it('GIVEN a bot token that was not listed THEN its shape alone gets it replaced', () => {
    expect(redactLine(`Authorization: Bot ${TOKEN}`, [])).toBe('Authorization: Bot [redacted]');
  });

  it('GIVEN a listed secret shorter than 8 characters THEN ordinary text is left alone', () => {
    expect(redactLine('the vote count', ['the'])).toBe('the vote count');
  });
});

describe('createLogger', () => {
  it('GIVEN the token in fields, headers, arrays and an error with a webhook URL THEN no line holds a secret', () => {
    const { logger, lines } = capture([TOKEN, PLAIN_SECRET]);
    const err = new Error(`request to ${WEBHOOK_URL} failed with token ${TOKEN} and ${PLAIN_SECRET}`);
    logger.info(
      {
        token: TOKEN,
        config: { DISCORD_TOKEN: TOKEN, password: PLAIN_SECRET },
        headers: { authorization: `Bot ${TOKEN}` },
        request: { url: CALLBACK_URL, body: [`Bot ${TOKEN}`, PLAIN_SECRET] },
      },
      `connecting with ${TOKEN}`,
    );
    logger.error({ err }, 'send failed');
    logger.warn(`plain message with ${PLAIN_SECRET} and ${WEBHOOK_URL}`);

    expect(lines).toHaveLength(3);
    const all = lines.join('\n');
    for (const secret of [TOKEN, PLAIN_SECRET, WEBHOOK_TOKEN]) expect(all).not.toContain(secret);
    for (const part of TOKEN.split('.').filter((p) => p.length > 8)) expect(all).not.toContain(part);
    expect(all).toContain('[redacted]');
  });

  it('GIVEN an error THEN the line still says what failed, as JSON', () => {
    const { logger, lines } = capture([TOKEN]);
    logger.error({ err: new Error(`boom at ${WEBHOOK_URL}`) }, 'send failed');
    const record = JSON.parse(lines[0] ?? '{}') as { msg?: string; err?: { message?: string } };
    expect(record.msg).toBe('send failed');
    expect(record.err?.message).toContain('boom at');
    expect(record.err?.message).toContain('/webhooks/123456789012345678/[redacted]');
  });

  it('GIVEN a level THEN quieter messages are not written', () => {
    const { logger, lines } = capture([]);
    logger.debug('too detailed');
    logger.info('kept');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('kept');
  });
});
