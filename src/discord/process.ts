/**
 * Process-level safety for the long-running bot: a promise rejected without a handler is logged
 * and the bot keeps serving; SIGTERM and SIGINT stop it cleanly (finish what is in hand, disconnect,
 * exit 0). An uncaught exception is logged and exits 1, since the process state is unknown after
 * one; a supervisor restarts it.
 */
import type { Logger } from '../log.ts';

/** The part of `process` the handlers attach to (tests pass an EventEmitter). */
export type ProcessEvents = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

/** Installs the handlers; returns a function that removes them. */
export function installProcessHandlers(opts: {
  readonly logger: Logger;
  readonly stop: () => Promise<void>;
  readonly exit?: (code: number) => void;
  readonly target?: ProcessEvents;
}): () => void {
  const { logger, stop } = opts;
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

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
    target.off('SIGTERM', onSignal);
    target.off('SIGINT', onSignal);
  };
}
