/** Runs a CLI entry point: known problems print one line and exit 2; anything else exits 1. */
import { ConfigError } from '../config.ts';
import { PackError } from '../data/load.ts';

export async function runCli(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PackError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
