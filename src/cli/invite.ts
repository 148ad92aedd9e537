/** `npm run invite`: prints the link that adds the bot to a server with the permissions it uses. */
import { ConfigError, loadConfig } from '../config.ts';
import { inviteUrl } from '../discord/invite.ts';
import { runCli } from './run.ts';

await runCli(() => {
  const config = loadConfig();
  if (!config.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      'Configuration error: DISCORD_APPLICATION_ID is required (Developer Portal → your application → General Information → Application ID).',
    );
  }
  process.stdout.write(`${inviteUrl(config.DISCORD_APPLICATION_ID)}\n`);
});
