import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessHandlers } from '../../src/discord/process.ts';
import { createLogger } from '../../src/log.ts';
import { loadTestEngine } from '../support/bot.ts';
import { captureSink } from '../support/log-capture.ts';

function setup(engines?: Parameters<typeof installProcessHandlers>[0]['engines']) {
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
    ...(engines ? { engines } : {}),
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

  it('GIVEN SIGHUP with a valid pack on disk THEN the pack is reloaded and logged, and the process keeps running', () => {
    const engine = loadTestEngine();
    let reloads = 0;
    const { lines, target, exits } = setup({
      current: () => engine,
      reload: () => {
        reloads++;
        return { ok: true };
      },
    });
    target.emit('SIGHUP', 'SIGHUP');
    expect(reloads).toBe(1);
    expect(lines[0]).toMatchObject({ event: 'pack-reloaded', signal: 'SIGHUP', pack: engine.kb.id });
    expect(exits).toEqual([]);
  });

  it('GIVEN SIGHUP with an invalid pack THEN the refusal is logged with the reason, and nothing stops', () => {
    const engine = loadTestEngine();
    const { lines, target, exits } = setup({
      current: () => engine,
      reload: () => ({ ok: false, error: 'facts.json: fact "x", field "answer": must not be empty' }),
    });
    target.emit('SIGHUP', 'SIGHUP');
    expect(lines[0]).toMatchObject({
      event: 'pack-reload-refused',
      level: 40,
      error: expect.stringContaining('facts.json'),
    });
    expect(exits).toEqual([]);
  });

  it('GIVEN SIGHUP where no pack can be reloaded THEN it is logged and ignored (it does not kill the process)', () => {
    const { lines, target, exits } = setup();
    target.emit('SIGHUP', 'SIGHUP');
    expect(lines[0]).toMatchObject({ event: 'pack-reload-refused', signal: 'SIGHUP' });
    expect(exits).toEqual([]);
  });
});
