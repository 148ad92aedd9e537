/**
 * `npm start`: loads the configuration and the knowledge pack, then opens one front door — the
 * Discord gateway bot when DISCORD_TOKEN is set, the HTTP-interactions endpoint with --http
 * (or MODE=http), and otherwise the local console.
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
    const { runConsole } = await import('./console/session.ts');
    await runConsole(engines);
    return;
  }
  if (mode === 'http') {
    const { runHttpMode } = await import('./http/run.ts');
    await runHttpMode(config, engines);
    return;
  }
  throw new Error(`The ${mode} front door is not built yet.`);
});
