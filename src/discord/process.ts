/**
 * Process-level safety for the long-running bot: a promise rejected without a handler is logged
 * and the bot keeps serving; SIGTERM and SIGINT stop it cleanly (finish what is in hand, disconnect,
 * exit 0); SIGHUP reloads the knowledge pack (a broken pack is refused and the old one keeps
 * serving). An uncaught exception is logged and exits 1, since the process state is unknown after
 * one; a supervisor restarts it.
 */
import type { EngineHolder } from '../engine/holder.ts';
import type { Logger } from '../log.ts';

/** The part of `process` the handlers attach to (tests pass an EventEmitter). */
export type ProcessEvents = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

/** Installs the handlers; returns a function that removes them. */
export function installProcessHandlers(opts: {
  readonly logger: Logger;
  readonly stop: () => Promise<void>;
  /** Reloaded on SIGHUP; without it SIGHUP is logged and ignored (it no longer kills the process). */
  readonly engines?: Pick<EngineHolder, 'reload' | 'current'>;
  readonly exit?: (code: number) => void;
  readonly target?: ProcessEvents;
}): () => void {
  const { logger, stop, engines } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const target = opts.target ?? process;
  let stopping = false;

  const onRejection = (reason: unknown) => {
    logger.error({ err: reason, event: 'unhandled-rejection' }, 'a promise was rejected without a handler');
  };
  const onException = (err: Error) => {
    logger.fatal({ err, event: 'uncaught-exception' }, 'uncaught exception; exiting');
    exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal });
    stop().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err, event: 'shutdown-failed' });
        exit(1);
      },
    );
  };
  const onHangup = () => {
    if (!engines) {
      logger.warn({ event: 'pack-reload-refused', signal: 'SIGHUP' }, 'reloading is not available here');
      return;
    }
    const result = engines.reload();
    if (result.ok) {
      const kb = engines.current().kb;
      logger.info({ event: 'pack-reloaded', signal: 'SIGHUP', pack: kb.id, facts: kb.facts.length });
    } else {
      logger.warn(
        { event: 'pack-reload-refused', signal: 'SIGHUP', error: result.error },
        'the new knowledge pack is invalid; still serving the previous one',
      );
    }
  };

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  target.on('SIGHUP', onHangup);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
    target.off('SIGTERM', onSignal);
    target.off('SIGINT', onSignal);
    target.off('SIGHUP', onHangup);
  };
}
