/**
 * Reading a request body with a hard size limit. A declared Content-Length over the limit is
 * refused before a byte is read; otherwise bytes are counted as they arrive and reading stops at
 * the first chunk that crosses the limit, so an oversized body never sits in memory.
 */
import type { Readable } from 'node:stream';

/** The largest interaction body accepted. Real interactions are a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The outcome of reading a body. `bytesRead` is what was taken off the wire (for the log). */
export type BodyResult =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly reason: 'too-large' | 'aborted'; readonly bytesRead: number };

/** Whether a Content-Length header already says the body is too large. */
export function declaresTooLarge(contentLength: string | undefined, limit = MAX_BODY_BYTES): boolean {
  if (contentLength === undefined || !/^\d{1,20}$/.test(contentLength)) return false;
  return Number(contentLength) > limit;
}

/**
 * Reads a stream to the end, or until more than `limit` bytes arrived. On `too-large` the stream
 * is paused and stops being read; the caller answers and closes the connection.
 */
export function readLimitedBody(stream: Readable, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytesRead = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      // The error listener stays: a connection reset after this point must not become an
      // unhandled 'error' event.
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      bytesRead += chunk.length;
      if (bytesRead > limit) {
        stream.pause();
        finish({ ok: false, reason: 'too-large', bytesRead });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, body: Buffer.concat(chunks, bytesRead) });
    const onAbort = (): void => finish({ ok: false, reason: 'aborted', bytesRead });
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onAbort);
    stream.on('aborted', onAbort);
  });
}
