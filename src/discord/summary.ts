/**
 * Posting and pinning the moderators' results summary through Discord's REST API, shared by the
 * gateway bot and the HTTP endpoint. If the bot already pinned a summary in the channel, that
 * message is edited in place instead of pinning another.
 */
import type { REST } from '@discordjs/rest';
import { type APIMessage, type RESTGetAPIChannelPinsResult, Routes } from 'discord-api-types/v10';
import { SUMMARY_MARKER } from '../commands/summary.ts';
import type { BotMessage } from '../replies/message.ts';
import { TEXT } from '../replies/strings.ts';
import { DISCORD_CODES, hasDiscordCode } from './api-errors.ts';

export type SummaryOutcome = 'pinned' | 'updated' | 'missing-permission' | 'pin-limit';

function isSummaryBy(message: APIMessage, botUserId: string): boolean {
  return (
    message.author?.id === botUserId &&
    message.embeds?.some((e) => e.author?.name === SUMMARY_MARKER) === true
  );
}

/** Pinned messages of a channel, newest first (Discord's `{ items: [{ pinned_at, message }] }` shape). */
async function pinnedMessages(rest: REST, channelId: string): Promise<APIMessage[]> {
  const data = (await rest.get(Routes.channelMessagesPins(channelId))) as
    | { items?: { message: APIMessage }[] }
    | RESTGetAPIChannelPinsResult;
  if (Array.isArray(data)) return data;
  return (data.items ?? []).map((i) => i.message);
}

/**
 * Edits the pinned summary; false when it was deleted since the pins were read (10008), so a new one
 * is posted instead.
 */
async function editIfPresent(
  rest: REST,
  channelId: string,
  messageId: string,
  message: BotMessage,
): Promise<boolean> {
  try {
    await rest.patch(Routes.channelMessage(channelId, messageId), { body: message });
    return true;
  } catch (err) {
    if (hasDiscordCode(err, DISCORD_CODES.unknownMessage)) return false;
    throw err;
  }
}

/** Posts and pins (or edits) the summary. Permission and pin-limit refusals become outcomes. */
export async function pinSummary(
  rest: REST,
  opts: { readonly channelId: string; readonly botUserId: string; readonly message: BotMessage },
): Promise<SummaryOutcome> {
  const { channelId, botUserId, message } = opts;
  try {
    const existing = (await pinnedMessages(rest, channelId)).find((m) => isSummaryBy(m, botUserId));
    if (existing && (await editIfPresent(rest, channelId, existing.id, message))) return 'updated';
    const posted = (await rest.post(Routes.channelMessages(channelId), { body: message })) as APIMessage;
    try {
      await rest.put(Routes.channelMessagesPin(channelId, posted.id));
    } catch (err) {
      if (hasDiscordCode(err, DISCORD_CODES.pinLimit)) return 'pin-limit';
      throw err;
    }
    return 'pinned';
  } catch (err) {
    if (hasDiscordCode(err, DISCORD_CODES.missingPermissions, DISCORD_CODES.missingAccess)) {
      return 'missing-permission';
    }
    throw err;
  }
}

/** What to tell the moderator after /summary. */
export function summaryOutcomeText(outcome: SummaryOutcome): string {
  switch (outcome) {
    case 'pinned':
      return TEXT.summaryPinned;
    case 'updated':
      return TEXT.summaryUpdated;
    case 'missing-permission':
      return TEXT.summaryMissingPermission;
    case 'pin-limit':
      return TEXT.summaryPinLimit;
  }
}
