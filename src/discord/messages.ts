/**
 * Deciding what to do with a chat message, as pure functions over plain data: whether the bot
 * should look at it at all (and in which mode), the question text without the bot's mention, and
 * the per-channel "same answer twice in a row" cooldown. The gateway adapter feeds these from
 * discord.js objects; tests feed them directly.
 */
import { answerFreeText, type FreeTextMode } from '../commands/free-text.ts';
import type { DeclinedQuestion } from '../commands/types.ts';
import type { QaEngine } from '../engine/index.ts';
import { type BotMessage, finalizeMessage } from '../replies/message.ts';
import { answeredAbove } from '../replies/strings.ts';

/** The facts about a chat message that decide whether and how the bot answers it. */
export interface IncomingMessage {
  readonly authorId: string;
  /** Bots and webhooks (Discord marks both `bot`). */
  readonly authorIsBot: boolean;
  /** Null in DMs. */
  readonly guildId: string | null;
  readonly channelId: string;
  /** The parent channel of a thread, so a thread under a Q&A channel counts as that channel. */
  readonly parentChannelId: string | null;
  readonly content: string;
}

/**
 * The mode a message is answered in, or null to ignore it. Bots (the bot itself included) are
 * ignored; a DM is 'dm'; a message that mentions the bot by its user mention is 'mention' (a
 * mention of @everyone, @here or a role does not count, nor does the silent ping of a reply);
 * a message in a Q&A channel (or a thread under one) is 'qa-channel'; anything else is ignored.
 */
export function messageMode(
  msg: IncomingMessage,
  ctx: { readonly botUserId: string; readonly qaChannelIds: readonly string[] },
): FreeTextMode | null {
  if (msg.authorIsBot || msg.authorId === ctx.botUserId) return null;
  if (msg.guildId === null) return 'dm';
  if (mentionPattern(ctx.botUserId).test(msg.content)) return 'mention';
  const inQaChannel =
    ctx.qaChannelIds.includes(msg.channelId) ||
    (msg.parentChannelId !== null && ctx.qaChannelIds.includes(msg.parentChannelId));
  return inQaChannel ? 'qa-channel' : null;
}

/** `<@id>` and the legacy nickname form `<@!id>` of one user. */
function mentionPattern(userId: string, flags = ''): RegExp {
  // Snowflakes are digits only, so the id needs no escaping; anything else matches nothing.
  const id = /^\d{1,25}$/.test(userId) ? userId : '(?!)';
  return new RegExp(`<@!?${id}>`, flags);
}

/** The question in a message: the bot's mentions removed and whitespace tidied. */
export function questionText(content: string, botUserId: string): string {
  return content.replace(mentionPattern(botUserId, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** How long the same answer is not repeated in a channel. */
export const REPEAT_COOLDOWN_MS = 60_000;

/** How many channels the cooldown remembers; the oldest is forgotten first. */
export const COOLDOWN_CHANNELS = 1_000;

/** The last answer posted in a channel. */
interface LastAnswer {
  readonly factId: string;
  /** The bot's message carrying it, so a repeat can point to it. */
  readonly messageId: string;
  readonly at: number;
}

/** What to do with an answer the engine produced for a channel. */
export type CooldownDecision =
  | { readonly kind: 'post' }
  /** The same answer was posted in this channel moments ago, as this message. */
  | { readonly kind: 'repeat'; readonly previousMessageId: string };

/**
 * The per-channel memory of the last answer, so the same answer is not posted twice in a row in a
 * channel within {@link REPEAT_COOLDOWN_MS}. Bounded to {@link COOLDOWN_CHANNELS} channels. It is
 * a courtesy of one process, not shared state: another replica may repeat an answer, which is fine.
 */
export class AnswerCooldown {
  private readonly last = new Map<string, LastAnswer>();

  constructor(
    private readonly windowMs = REPEAT_COOLDOWN_MS,
    private readonly maxChannels = COOLDOWN_CHANNELS,
  ) {}

  /** Whether an answer of `factId` may be posted now; abstentions (null) always may. */
  check(channelId: string, factId: string | null, now: number): CooldownDecision {
    if (factId === null) return { kind: 'post' };
    const previous = this.last.get(channelId);
    if (previous && previous.factId === factId && now - previous.at < this.windowMs) {
      return { kind: 'repeat', previousMessageId: previous.messageId };
    }
    return { kind: 'post' };
  }

  /**
   * Remembers what the bot just posted in the channel: an answer of `factId` as message
   * `messageId`, or (null) something else, which ends a run of the same answer.
   */
  record(channelId: string, factId: string | null, messageId: string, now: number): void {
    this.last.delete(channelId);
    if (factId === null) return;
    this.last.set(channelId, { factId, messageId, at: now });
    // Map keeps insertion order: the first key is the channel that answered longest ago.
    while (this.last.size > this.maxChannels) {
      const oldest = this.last.keys().next().value;
      if (oldest === undefined) break;
      this.last.delete(oldest);
    }
  }

  /** How many channels are remembered (for tests and memory checks). */
  get size(): number {
    return this.last.size;
  }
}

/**
 * How many replies may be waiting to be posted in one channel before the bot stops adding more.
 * Discord lets a bot post only a few messages a second in a channel, and @discordjs/rest queues
 * the rest: in a busy Q&A channel every answered message would wait behind the others, minutes
 * late and holding memory. So an unprompted Q&A-channel answer is dropped when two are already
 * waiting there, and a direct question (a mention or a DM) when ten are.
 */
export const MAX_PENDING_REPLIES: Readonly<Record<FreeTextMode, number>> = Object.freeze({
  'qa-channel': 2,
  mention: 10,
  dm: 10,
});

/**
 * Counts replies waiting to be posted, per channel, and refuses one more past
 * {@link MAX_PENDING_REPLIES}. A channel is forgotten when nothing waits in it, so the map holds
 * only channels with replies in flight.
 */
export class ReplyGate {
  private readonly pending = new Map<string, number>();

  constructor(private readonly limits: Readonly<Record<FreeTextMode, number>> = MAX_PENDING_REPLIES) {}

  /** Takes a slot for a reply in `channelId`, or returns false when the channel is full for `mode`. */
  tryAcquire(channelId: string, mode: FreeTextMode): boolean {
    const waiting = this.pending.get(channelId) ?? 0;
    if (waiting >= this.limits[mode]) return false;
    this.pending.set(channelId, waiting + 1);
    return true;
  }

  /** Gives back a slot taken with {@link tryAcquire} once the reply is posted (or failed). */
  release(channelId: string): void {
    const waiting = this.pending.get(channelId) ?? 0;
    if (waiting <= 1) this.pending.delete(channelId);
    else this.pending.set(channelId, waiting - 1);
  }

  /** Replies waiting in a channel. */
  waiting(channelId: string): number {
    return this.pending.get(channelId) ?? 0;
  }

  /** Channels with replies waiting (for tests and memory checks). */
  get size(): number {
    return this.pending.size;
  }
}

/** A link to a message, as Discord's clients build it ('@me' for DMs). */
export function messageLink(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}

/** The options discord.js's `message.reply()` takes, built from a bot message (API JSON). */
export interface ReplyPayload {
  readonly content?: string;
  readonly embeds: NonNullable<BotMessage['embeds']>;
  readonly components: NonNullable<BotMessage['components']>;
  readonly allowedMentions: { readonly parse: []; readonly repliedUser: false };
}

/**
 * A bot message as `message.reply()` options: the same content, embeds and buttons, with mentions
 * blocked (discord.js spells the field `allowedMentions`) and no ping for the person replied to.
 * Flags are dropped: ephemeral messages exist only for interactions.
 */
export function replyPayload(message: BotMessage): ReplyPayload {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowedMentions: { parse: [], repliedUser: false },
  };
}

/** What the bot does with a chat message. */
export type FreeTextPlan =
  /** Not for the bot: a bot's message, or a guild message that neither mentions it nor is in a Q&A channel. */
  | { readonly kind: 'ignore' }
  /** For the bot, but it has nothing to say (a Q&A channel below the confidence floor, or a repeat there). */
  | { readonly kind: 'silent'; readonly mode: FreeTextMode; readonly reason: 'not-confident' | 'repeat' }
  /** Reply with this message; `factId` feeds the cooldown once it is posted. */
  | {
      readonly kind: 'reply';
      readonly mode: FreeTextMode;
      readonly message: BotMessage;
      readonly factId: string | null;
      readonly answered: boolean;
      readonly declined?: DeclinedQuestion;
    }
  /** The same answer was just posted: point to it instead of posting it again. */
  | { readonly kind: 'point'; readonly mode: FreeTextMode; readonly message: BotMessage };

/** Everything {@link planFreeText} needs besides the message. */
export interface FreeTextContext {
  readonly engine: QaEngine;
  readonly botUserId: string;
  readonly qaChannelIds: readonly string[];
  readonly cooldown: AnswerCooldown;
  readonly now: number;
}

/**
 * Decides the reply to a chat message: ignore it, stay silent, reply, or (for an answer posted in
 * the same channel moments ago) point to the earlier reply when asked directly and stay silent in a
 * Q&A channel. Reads the cooldown but does not record: the caller records what it actually posted.
 */
export function planFreeText(
  msg: IncomingMessage,
  ctx: FreeTextContext,
  mode: FreeTextMode | null = messageMode(msg, ctx),
): FreeTextPlan {
  if (mode === null) return { kind: 'ignore' };
  const text = questionText(msg.content, ctx.botUserId);
  const reply = answerFreeText(ctx.engine, text, { mode, askerId: msg.authorId });
  if (reply === null) return { kind: 'silent', mode, reason: 'not-confident' };
  const decision = ctx.cooldown.check(msg.channelId, reply.factId, ctx.now);
  if (decision.kind === 'repeat') {
    if (mode === 'qa-channel') return { kind: 'silent', mode, reason: 'repeat' };
    const link = messageLink(msg.guildId, msg.channelId, decision.previousMessageId);
    return { kind: 'point', mode, message: finalizeMessage({ content: answeredAbove(link) }) };
  }
  return {
    kind: 'reply',
    mode,
    message: reply.message,
    factId: reply.factId,
    answered: reply.answered,
    ...(reply.declined ? { declined: reply.declined } : {}),
  };
}
