/**
 * Checking a message against Discord's limits, for the unit tests. Kept apart from `bot.ts` so tests
 * of pure reply builders do not load the engine. Not a test file itself.
 */
import type { BotMessage } from '../../src/replies/message.ts';

/**
 * Discord's documented message limits, written out here on purpose rather than imported from
 * `src/replies/limits.ts`, so a wrong constant there cannot make these checks pass.
 */
const DISCORD = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
} as const;

/** Every way a message breaks Discord's limits or could ping someone; empty when it is safe. */
export function limitProblems(msg: BotMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} characters (max ${max})`);
  };
  if (msg.allowed_mentions.parse.length !== 0) problems.push('allowed_mentions.parse is not empty');
  if (msg.allowed_mentions.replied_user !== false) problems.push('replied_user is not false');
  if (!msg.content && (msg.embeds ?? []).length === 0) problems.push('the message is empty');
  over('content', msg.content?.length ?? 0, DISCORD.content);
  const embeds = msg.embeds ?? [];
  if (embeds.length > DISCORD.embeds) problems.push(`${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((e, i) => {
    over(`embed ${i} title`, e.title?.length ?? 0, DISCORD.title);
    over(`embed ${i} description`, e.description?.length ?? 0, DISCORD.description);
    over(`embed ${i} footer`, e.footer?.text.length ?? 0, DISCORD.footer);
    over(`embed ${i} author`, e.author?.name.length ?? 0, DISCORD.authorName);
    const fields = e.fields ?? [];
    if (fields.length > DISCORD.fields) problems.push(`embed ${i} has ${fields.length} fields`);
    for (const f of fields) {
      if (f.name.length === 0 || f.value.length === 0) problems.push(`embed ${i} has an empty field`);
      over(`embed ${i} field name "${f.name.slice(0, 20)}"`, f.name.length, DISCORD.fieldName);
      over(`embed ${i} field value of "${f.name.slice(0, 20)}"`, f.value.length, DISCORD.fieldValue);
    }
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  });
  over('embeds in total', total, DISCORD.embedTotal);
  const rows = msg.components ?? [];
  if (rows.length > DISCORD.rows) problems.push(`${rows.length} action rows`);
  rows.forEach((row, r) => {
    if (row.components.length > DISCORD.buttonsPerRow) problems.push(`row ${r} has ${row.components.length}`);
    for (const b of row.components) {
      over(`button label "${(b.label ?? '').slice(0, 20)}"`, b.label?.length ?? 0, DISCORD.label);
      over(`custom id "${b.custom_id.slice(0, 20)}"`, b.custom_id.length, DISCORD.customId);
    }
  });
  return problems;
}
