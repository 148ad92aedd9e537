import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessHandlers } from '../../src/discord/process.ts';
import { createLogger } from '../../src/log.ts';
import { captureSink } from '../support/log-capture.ts';

function setup() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    sink: captureSink({ write: (l) => lines.push(JSON.parse(l)) }),
  });
  const target = new EventEmitter();
  const exits: number[] = [];
  let stopped = 0;
  const uninstall = installProcessHandlers({
    logger,
    target,
    exit: (code) => exits.push(code),
    stop: async () => {
      stopped++;
    },
  });
  return { lines, target, exits, stopped: () => stopped, uninstall };
}

describe('installProcessHandlers', () => {
  it('GIVEN an unhandled rejection THEN it is logged and the process keeps running', () => {
    const { lines, target, exits } = setup();
    target.emit('unhandledRejection', new Error('nobody caught me'));
    expect(lines[0]).toMatchObject({ event: 'unhandled-rejection', level: 50 });
    expect(JSON.stringify(lines[0])).toContain('nobody caught me');
    expect(exits).toEqual([]);
  });

  it('GIVEN SIGTERM (twice) THEN the bot is stopped once and the process exits 0', async () => {
    const { target, exits, stopped } = setup();
    target.emit('SIGTERM', 'SIGTERM');
    target.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(stopped()).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('GIVEN an uncaught exception THEN it is logged and the process exits 1', () => {
    const { lines, target, exits } = setup();
    target.emit('uncaughtException', new Error('boom'));
    expect(lines[0]).toMatchObject({ event: 'uncaught-exception' });
    expect(exits).toEqual([1]);
  });

  it('GIVEN uninstall THEN no handler is left behind', () => {
    const { target, uninstall } = setup();
    uninstall();
    expect(target.eventNames()).toEqual([]);
  });
});
