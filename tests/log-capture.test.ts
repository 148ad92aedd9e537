/**
 * The suite-wide log check (tests/support/log-capture.ts): what it searches for, that lines really
 * reach the capture, and that no test can log around it (every logger a test builds and every
 * child process a test starts is wired to the capture).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';
import { captureFile, captureSink, findLeaks } from './support/log-capture.ts';
import { SUITE_SECRETS, TEST_TOKEN } from './support/secrets.ts';

const TESTS = fileURLToPath(new URL('.', import.meta.url));

/** Every .ts file under tests/, as [path relative to tests/, text]. */
function testSources(dir = TESTS): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testSources(path);
    return entry.name.endsWith('.ts') ? [[path.slice(TESTS.length), readFileSync(path, 'utf8')]] : [];
  });
}

describe('findLeaks', () => {
  it('GIVEN a line holding a test token THEN it is reported with the token masked', () => {
    const leaks = findLeaks(`ok\n{"msg":"login with ${TEST_TOKEN}"}\n`, SUITE_SECRETS, 'w.log');
    expect(leaks).toEqual([
      { secret: 'TEST_TOKEN', file: 'w.log', line: 2, masked: '{"msg":"login with <TEST_TOKEN>"}' },
    ]);
  });

  it('GIVEN an interaction token anywhere in a line THEN it is reported', () => {
    const leaks = findLeaks('PATCH /webhooks/1/aW50ZXJhY3Rpb24abc/messages', SUITE_SECRETS);
    expect(leaks.map((l) => l.secret)).toEqual(['an interaction token']);
  });

  it('GIVEN redacted lines THEN nothing is reported', () => {
    expect(findLeaks('{"url":"/interactions/1/[redacted]/callback"}', SUITE_SECRETS)).toEqual([]);
  });
});

describe('the capture', () => {
  it('GIVEN a logger with a capture sink, and a write to stdout THEN both lines are in this worker’s capture file', () => {
    const logger = createLogger({ level: 'info', sink: captureSink() });
    logger.info({ event: 'log-capture-probe-sink' });
    process.stdout.write('log-capture-probe-stdout\n');
    const file = captureFile();
    expect(file).toBeDefined();
    const text = readFileSync(file ?? '', 'utf8');
    expect(text).toContain('log-capture-probe-sink');
    expect(text).toContain('log-capture-probe-stdout');
  });

  it('GIVEN every test source THEN each logger it builds writes through captureSink, and each child process it starts is captured', () => {
    const unwired: string[] = [];
    for (const [path, text] of testSources()) {
      if (path.startsWith('support/log-')) continue;
      if (/\bcreateLogger\(/.test(text) && !text.includes('captureSink('))
        unwired.push(`${path}: createLogger`);
      if (/^import .* from 'node:child_process';$/m.test(text) && !/capture(Child|Text)\(/.test(text)) {
        unwired.push(`${path}: child process`);
      }
    }
    expect(unwired).toEqual([]);
  });
});
