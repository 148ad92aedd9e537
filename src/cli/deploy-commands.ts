/**
 * `npm run deploy-commands`: registers the slash commands (on DISCORD_GUILD_ID when set, else
 * globally), prints what Discord stored, and prints the invite link.
 */
import { loadConfig } from '../config.ts';
import { deployCommands, deployReport } from '../discord/deploy.ts';
import { inviteUrl } from '../discord/invite.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const config = loadConfig();
  const result = await deployCommands(config);
  process.stdout.write(`${deployReport(result)}\n\n`);
  process.stdout.write(
    `Invite the bot (or check its permissions) with:\n${inviteUrl(result.scope.applicationId)}\n`,
  );
});
