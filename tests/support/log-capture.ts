/**
 * The suite-wide log capture: everything the bot logs during `vitest run` is also appended to a
 * file in one directory (made by `log-capture.global.ts`), which is searched for the test tokens
 * when the run ends. Three ways in, each enforced by `tests/log-capture.test.ts`:
 *
 * - a logger a test builds with a sink writes through {@link captureSink};
 * - a logger without a sink writes to the worker's stdout, which `log-capture.setup.ts` tees here;
 * - a child process (`npm start` as a real process) has its stdout and stderr teed with
 *   {@link captureChild}.
 *
 * Not a test file itself.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { inject } from 'vitest';
import type { LogSink } from '../../src/log.ts';

export { findLeaks, type Leak } from './log-leaks.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's captured log lines go (one file per test-file worker). */
    logCaptureDir: string;
  }
}

/** This worker's capture file, or undefined when the run has no capture (another config). */
let file: string | undefined;

/** The capture file of this test file's worker. */
export function captureFile(): string | undefined {
  if (file === undefined) {
    let dir: string | undefined;
    try {
      dir = inject('logCaptureDir');
    } catch {
      dir = undefined;
    }
    if (!dir) return undefined;
    file = join(dir, `worker-${process.pid}-${randomUUID()}.log`);
  }
  return file;
}

/** Appends text to the capture, as it was written (a log line, a chunk of a child's output). */
export function captureText(text: string): void {
  const target = captureFile();
  if (target && text) appendFileSync(target, text.endsWith('\n') ? text : `${text}\n`);
}

/** A sink that captures every line, then hands it to `inner` (a test's own array, say). */
export function captureSink(inner?: LogSink): LogSink {
  return {
    write(line: string) {
      captureText(line);
      inner?.write(line);
    },
  };
}

/** Tees a child process's stdout and stderr into the capture. */
export function captureChild(child: {
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
}): void {
  child.stdout?.on('data', (chunk: Buffer) => captureText(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => captureText(chunk.toString()));
}
