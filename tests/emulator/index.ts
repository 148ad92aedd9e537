/**
 * A small Discord API emulator for end-to-end tests of a real discord.js Client: REST under
 * `http://127.0.0.1:PORT/api/v10` and a JSON gateway at `ws://127.0.0.1:PORT/gateway`.
 *
 * ```ts
 * const emu = await startEmulator();
 * const client = new Client({ intents, rest: { api: emu.apiBase, timeout: 2000, retries: 0 } });
 * await client.login('fake-token');
 * const ix = emu.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'who won?' }] });
 * const response = await emu.waitForInteractionResponse(ix.id);
 * ```
 */

export {
  DiscordEmulator,
  type InteractionResponse,
  type SendMessageOptions,
  type SentInteraction,
  type SlashCommandOptions,
  startEmulator,
} from './emulator.ts';
export {
  type CommandOptionInput,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_TEST_USER,
  MODERATOR_PERMISSIONS,
  MODERATOR_USER,
} from './payloads.ts';
export type { EmulatorOptions, RecordedRequest } from './types.ts';
