/** Turns the engine's result into the message a user sees: an answer card or a "did you mean". */
import { type APIEmbed, ButtonStyle } from 'discord-api-types/v10';
import type { Quote } from '../data/knowledge.ts';
import type { Abstention, Answer, QaResult } from '../engine/types.ts';
import { encodeButton } from './custom-ids.ts';
import { EPHEMERAL, DISCORD_LIMITS as L } from './limits.ts';
import { type BotMessage, button, buttonRows, finalizeMessage } from './message.ts';
import { blockQuote, echoUserText, truncate } from './sanitize.ts';
import { TEXT } from './strings.ts';

/** Neutral colour of answer cards. */
export const ANSWER_COLOUR = 0x3b82f6;

/** The quoted sentences, as a block quote that fits one embed field. */
export function quoteField(quotes: readonly Quote[], name: string = TEXT.answerFieldName) {
  // Whole sentences while they fit; a sentence is cut only when it is the first and alone too long.
  const lines: string[] = [];
  let length = 0;
  for (const q of quotes) {
    const line = blockQuote(q.text);
    const extra = line.length + (lines.length > 0 ? 1 : 0);
    if (length + extra > L.embedFieldValue) break;
    lines.push(line);
    length += extra;
  }
  const value =
    lines.length > 0 ? lines.join('\n') : truncate(blockQuote(quotes[0]?.text ?? ''), L.embedFieldValue);
  return { name, value };
}

/** Footer text: that the quote is cleaned, and any correction of the article's words. */
export function quoteFooter(notes: readonly string[]): string {
  return [TEXT.quoteFooter, ...notes].join(' ');
}

/** An answer card: the answer, the article's sentences, the notes on what was corrected. */
export function answerEmbed(answer: Answer, question?: string): APIEmbed {
  return {
    color: ANSWER_COLOUR,
    ...(question ? { title: echoUserText(question, 200) } : {}),
    description: answer.text,
    fields: [quoteField(answer.quotes)],
    footer: { text: quoteFooter(answer.notes) },
  };
}

export interface AnswerMessageOptions {
  readonly question?: string;
  /** The asker: adds a delete button only they (or a moderator) may use. */
  readonly askerId?: string;
  readonly ephemeral?: boolean;
  /** Add helpful / not helpful buttons. */
  readonly feedback?: boolean;
}

/** The message for an answer. */
export function answerMessage(answer: Answer, opts: AnswerMessageOptions = {}): BotMessage {
  const buttons = [];
  if (opts.feedback !== false) {
    buttons.push(
      button(
        TEXT.helpful,
        encodeButton({ kind: 'feedback', helpful: true, factId: answer.factId }),
        ButtonStyle.Secondary,
        '👍',
      ),
      button(
        TEXT.notHelpful,
        encodeButton({ kind: 'feedback', helpful: false, factId: answer.factId }),
        ButtonStyle.Secondary,
        '👎',
      ),
    );
  }
  if (opts.askerId)
    buttons.push(
      button(TEXT.delete, encodeButton({ kind: 'delete', askerId: opts.askerId }), ButtonStyle.Danger, '🗑️'),
    );
  return finalizeMessage({
    embeds: [answerEmbed(answer, opts.question)],
    components: buttonRows(buttons),
    ...(opts.ephemeral ? { flags: EPHEMERAL } : {}),
  });
}

/** The message for an abstention: why, and buttons for the closest questions it can answer. */
export function abstentionMessage(result: Abstention, opts: { ephemeral?: boolean } = {}): BotMessage {
  const lines = [result.message];
  if (result.suggestions.length > 0) lines.push(TEXT.didYouMean);
  else lines.push(TEXT.tryHelp);
  const buttons = result.suggestions.map((s) =>
    button(s.question, encodeButton({ kind: 'ask', factId: s.factId }), ButtonStyle.Primary),
  );
  return finalizeMessage({
    content: lines.join('\n'),
    components: buttonRows(buttons),
    ...(opts.ephemeral ? { flags: EPHEMERAL } : {}),
  });
}

/** Either message, for whatever the engine returned. */
export function resultMessage(result: QaResult, opts: AnswerMessageOptions = {}): BotMessage {
  return result.kind === 'answer'
    ? answerMessage(result, opts)
    : abstentionMessage(result, opts.ephemeral ? { ephemeral: true } : {});
}
