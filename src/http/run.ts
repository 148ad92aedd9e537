/**
 * `npm start -- --http`: serves the HTTP-interactions endpoint until SIGTERM or SIGINT, then stops
 * cleanly (no new requests, in-flight requests and follow-up work finish) and returns.
 */
import { type Config, ConfigError } from '../config.ts';
import type { EngineHolder } from '../engine/holder.ts';
import { createLogger } from '../log.ts';
import { fileUnansweredLog } from '../ops/unanswered.ts';
import { startHttpServer } from './server.ts';

/** Runs HTTP mode; resolves after a signal stopped it. Throws ConfigError without DISCORD_PUBLIC_KEY. */
export async function runHttpMode(config: Config, engines: EngineHolder): Promise<void> {
  if (!config.DISCORD_PUBLIC_KEY) {
    throw new ConfigError(
      'Configuration error: DISCORD_PUBLIC_KEY is required in HTTP mode (the public key from the developer portal, 64 hex characters).',
    );
  }
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
  const unanswered = fileUnansweredLog(config.UNANSWERED_LOG, (err) =>
    logger.warn({ err, event: 'unanswered-log-failed' }, 'could not write the unanswered-questions log'),
  );
  const server = await startHttpServer({ config, engines, logger, unanswered });
  logger.info(
    {
      url: server.url,
      endpoint: `${server.url}/interactions`,
      pack: engines.current().kb.id,
      followUps: Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID),
    },
    'HTTP interactions endpoint listening',
  );
  // Replicas must answer alike, so one of them reloading its pack alone is refused (a restart of
  // every replica loads a new pack). Handling SIGHUP also keeps it from killing the process.
  const onHangup = () =>
    logger.warn(
      { event: 'pack-reload-refused', signal: 'SIGHUP' },
      'reloading the knowledge pack is not available in HTTP mode; restart every replica instead',
    );
  process.on('SIGHUP', onHangup);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  process.off('SIGHUP', onHangup);
  logger.info({ signal }, 'stopping: finishing in-flight requests');
  await server.stop();
  logger.info('stopped');
}
