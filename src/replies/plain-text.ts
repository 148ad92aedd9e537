/** Rendering replies as plain text, for the local console and the `ask` CLI. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { QaResult } from '../engine/types.ts';
import type { BotMessage } from './message.ts';

/** Discord markdown a terminal would show literally. */
function unmarkdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\([\\*_~`|>#[\]()-])/g, '$1');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');
}

function embedText(e: APIEmbed): string {
  const parts: string[] = [];
  if (e.author?.name) parts.push(`[${e.author.name}]`);
  if (e.title) parts.push(`## ${unmarkdown(e.title)}`);
  if (e.description) parts.push(unmarkdown(e.description));
  for (const f of e.fields ?? []) parts.push(`${unmarkdown(f.name)}:\n${indent(unmarkdown(f.value), '  ')}`);
  if (e.footer?.text) parts.push(`(${e.footer.text})`);
  return parts.join('\n');
}

/** A message as readable text; buttons are listed as numbered choices. */
export function messageText(msg: BotMessage): {
  text: string;
  buttons: { label: string; customId: string }[];
} {
  const parts: string[] = [];
  if (msg.content) parts.push(unmarkdown(msg.content));
  for (const e of msg.embeds ?? []) parts.push(embedText(e));
  const buttons = (msg.components ?? []).flatMap((row) =>
    row.components.map((b) => ({ label: b.label ?? '', customId: b.custom_id })),
  );
  return { text: parts.join('\n\n'), buttons };
}

/** An engine result as a person reads it: the answer, then the quoted sentences. */
export function resultText(result: QaResult): string {
  if (result.kind === 'abstention') {
    const lines = [result.message];
    if (result.suggestions.length > 0) {
      lines.push('Did you mean:', ...result.suggestions.map((s) => `  - ${s.question}`));
    }
    return lines.join('\n');
  }
  const lines = [result.text, '', 'From the article:', ...result.quotes.map((q) => `  > ${q.text}`)];
  for (const n of result.notes) lines.push(`  (${n})`);
  return lines.join('\n');
}

/** The `ask --json` record of a result. */
export function resultJson(question: string, result: QaResult) {
  return {
    question,
    answered: result.kind === 'answer',
    answer: result.kind === 'answer' ? result.text : '',
    citation: result.kind === 'answer' ? result.citation : null,
    topic: result.topic,
    confidence: result.confidence,
    suggestions: result.kind === 'abstention' ? result.suggestions.map((s) => s.question) : [],
  };
}
