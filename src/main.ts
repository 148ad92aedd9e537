/**
 * `npm start`: loads the configuration and the knowledge pack, then opens one front door — the
 * Discord gateway bot when DISCORD_TOKEN is set, the HTTP-interactions endpoint with --http
 * (or MODE=http), and otherwise the local console. The gateway bot stops cleanly on SIGTERM/SIGINT
 * and reloads the knowledge pack on SIGHUP.
 */
import { runCli } from './cli/run.ts';
import { assertCommandsValid } from './commands/index.ts';
import { chooseMode, loadConfig } from './config.ts';
import { loadPack } from './data/load.ts';
import { DEFAULT_PACK_DIR } from './data/packs.ts';
import { createEngineHolder } from './engine/holder.ts';

await runCli(async () => {
  const config = loadConfig();
  assertCommandsValid();
  const packDir = config.KNOWLEDGE_PACK_DIR ?? DEFAULT_PACK_DIR;
  const engines = createEngineHolder(() => loadPack(packDir));
  const mode = chooseMode(config, process.argv.slice(2));
  if (mode === 'console') {
    const [{ runConsole }, { fileUnansweredLog }] = await Promise.all([
      import('./console/session.ts'),
      import('./ops/unanswered.ts'),
    ]);
    await runConsole(engines, process.stdin, process.stdout, fileUnansweredLog(config.UNANSWERED_LOG));
    return;
  }
  if (mode === 'gateway') {
    const [{ startGatewayBot }, { explainCloseCode }, { installProcessHandlers }, { createLogger }] =
      await Promise.all([
        import('./discord/bot.ts'),
        import('./discord/explain.ts'),
        import('./discord/process.ts'),
        import('./log.ts'),
      ]);
    const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
    const { fileUnansweredLog } = await import('./ops/unanswered.ts');
    const unanswered = fileUnansweredLog(config.UNANSWERED_LOG, (err) =>
      logger.warn({ err, event: 'unanswered-log-failed' }, 'could not write the unanswered-questions log'),
    );
    const bot = await startGatewayBot({ config, engines, logger, unanswered });
    installProcessHandlers({ logger, stop: () => bot.stop(), engines });
    // Discord ended the session for good (token reset, intent revoked): say why in one line and
    // exit non-zero, so a supervisor alerts instead of the bot sitting there deaf.
    void bot.closed.then((code) => {
      process.stderr.write(`${explainCloseCode(code)}\n`);
      return bot.stop().finally(() => process.exit(1));
    });
    return;
  }
  if (mode === 'http') {
    const { runHttpMode } = await import('./http/run.ts');
    await runHttpMode(config, engines);
    return;
  }
  throw new Error(`The ${mode} front door is not built yet.`);
});
