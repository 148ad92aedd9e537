/**
 * Runs in every test file's worker before its tests (vitest `setupFiles`): tees whatever is written
 * to the worker's stdout and stderr (a logger built without a sink writes there) into the suite's
 * log capture. See `log-capture.ts`.
 */
import { captureText } from './log-capture.ts';

const TEED = Symbol.for('election-bot.log-capture.teed');

type Writable = NodeJS.WriteStream & { [TEED]?: true };

function tee(stream: Writable): void {
  if (stream[TEED]) return;
  stream[TEED] = true;
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captureText(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '');
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as Writable['write'];
}

tee(process.stdout);
tee(process.stderr);
