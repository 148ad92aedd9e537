/**
 * The message shape every front door sends (plain Discord API JSON), and the one helper that makes
 * any message safe to send: nothing pings anyone, and everything fits Discord's limits.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { DISCORD_LIMITS as L } from './limits.ts';
import { truncate } from './sanitize.ts';

/** Mentions parsed from nothing, and no ping for the user being replied to. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], replied_user: false });

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message as the bot sends it, on any transport. */
export interface BotMessage {
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  readonly components?: ButtonRow[];
  /** 64: ephemeral (only the invoking user sees it; interactions only). */
  readonly flags?: number;
  readonly allowed_mentions: typeof NO_MENTIONS;
}

/** A clickable button with a custom id. */
export function button(
  label: string,
  customId: string,
  style: ButtonStyle = ButtonStyle.Secondary,
  emoji?: string,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: style as ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
    label: truncate(label, L.buttonLabel),
    custom_id: customId.slice(0, L.customId),
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

/** Buttons laid out in rows of at most five. */
export function buttonRows(buttons: readonly APIButtonComponentWithCustomId[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < L.actionRows; i += L.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + L.buttonsPerRow) });
  }
  return rows;
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = {
    ...e,
    ...(e.title !== undefined ? { title: truncate(e.title, L.embedTitle) } : {}),
    ...(e.description !== undefined ? { description: truncate(e.description, L.embedDescription) } : {}),
    ...(e.footer ? { footer: { ...e.footer, text: truncate(e.footer.text, L.embedFooter) } } : {}),
    ...(e.author ? { author: { ...e.author, name: truncate(e.author.name, L.embedAuthorName) } } : {}),
    ...(e.fields
      ? {
          fields: e.fields.slice(0, L.embedFields).map((f) => ({
            ...f,
            name: truncate(f.name || '\u200B', L.embedFieldName),
            value: truncate(f.value || '\u200B', L.embedFieldValue),
          })),
        }
      : {}),
  };
  return out;
}

/**
 * Makes a message safe to send: `allowed_mentions` that ping nobody, content within 2,000
 * characters, at most 10 embeds within every embed limit and 6,000 characters in all, at most
 * 5 rows of 5 buttons with labels and ids within limits.
 */
export function finalizeMessage(msg: Omit<BotMessage, 'allowed_mentions'>): BotMessage {
  const embeds = (msg.embeds ?? []).slice(0, L.embedsPerMessage).map(fitEmbed);
  let total = embeds.reduce((n, e) => n + embedLength(e), 0);
  for (let i = embeds.length - 1; i >= 0 && total > L.embedTotal; i--) {
    const e = embeds[i];
    if (!e?.description) continue;
    const cut = Math.max(0, e.description.length - (total - L.embedTotal));
    embeds[i] = { ...e, description: truncate(e.description, Math.max(cut, 1)) };
    total = embeds.reduce((n, x) => n + embedLength(x), 0);
  }
  // Still too long: drop fields from the end of the last embeds, then whole embeds after the first.
  for (let i = embeds.length - 1; i >= 0 && total > L.embedTotal; i--) {
    let e = embeds[i];
    while (e?.fields && e.fields.length > 0 && total > L.embedTotal) {
      e = { ...e, fields: e.fields.slice(0, -1) };
      embeds[i] = e;
      total = embeds.reduce((n, x) => n + embedLength(x), 0);
    }
  }
  while (embeds.length > 1 && total > L.embedTotal) {
    embeds.pop();
    total = embeds.reduce((n, x) => n + embedLength(x), 0);
  }
  const components = (msg.components ?? []).slice(0, L.actionRows).map((row) => ({
    ...row,
    components: row.components.slice(0, L.buttonsPerRow).map((b) => ({
      ...b,
      ...(b.label !== undefined ? { label: truncate(b.label, L.buttonLabel) } : {}),
      custom_id: b.custom_id.slice(0, L.customId),
    })),
  }));
  let content = msg.content === undefined ? undefined : truncate(msg.content, L.content);
  // Discord refuses a message with nothing in it.
  if (!content && embeds.length === 0 && (msg.components ?? []).length === 0) content = '\u200B';
  return {
    ...(content ? { content } : {}),
    ...(embeds.length > 0 ? { embeds } : {}),
    ...(components.length > 0 ? { components } : {}),
    ...(msg.flags ? { flags: msg.flags } : {}),
    allowed_mentions: NO_MENTIONS,
  };
}
