/**
 * vitest `globalSetup`: makes the directory every worker captures its log lines into (see
 * `log-capture.ts`), and when the whole run ends, searches everything captured for the test
 * tokens and interaction tokens (`secrets.ts`). A leak fails the run (exit code 1) with the file
 * and line, the secret itself masked. A throw here would only be printed, so the exit code is set.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findLeaks, type Leak } from './log-leaks.ts';
import { SUITE_SECRETS } from './secrets.ts';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'election-bot-logs-'));
  project.provide('logCaptureDir', dir);
  return () => {
    const files = readdirSync(dir);
    let lines = 0;
    const leaks: Leak[] = [];
    for (const name of files) {
      const text = readFileSync(join(dir, name), 'utf8');
      lines += text.split('\n').length - 1;
      leaks.push(...findLeaks(text, SUITE_SECRETS, name));
    }
    // LOG_CAPTURE_KEEP=1 keeps the captured lines for a look.
    if (process.env.LOG_CAPTURE_KEEP) process.stdout.write(`Captured log lines kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
    if (leaks.length === 0) {
      process.stdout.write(
        `Log check: ${lines} captured lines from ${files.length} test-file workers hold none of the ${Object.keys(SUITE_SECRETS).length} test secrets.\n`,
      );
      return;
    }
    process.stderr.write(`\nLog check FAILED: ${leaks.length} captured lines hold a test secret.\n`);
    for (const leak of leaks.slice(0, 20)) {
      process.stderr.write(`  ${leak.secret} in ${leak.file}:${leak.line}: ${leak.masked}\n`);
    }
    process.exitCode = 1;
  };
}
