/**
 * Shared helpers for the unit tests: the real knowledge pack and engine, invokers, running a
 * command the way a front door does (raw options checked by `readOptions`), and reading a reply as
 * a user would see it. Not a test file itself.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { findCommand } from '../../src/commands/index.ts';
import { type RawOption, readOptions } from '../../src/commands/options.ts';
import {
  type CommandContext,
  type CommandOutcome,
  type Invoker,
  UserError,
} from '../../src/commands/types.ts';
import type { Fact, KnowledgeBase } from '../../src/data/knowledge.ts';
import { loadPack, PACK_FILES, parsePack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { createEngine, type QaEngine } from '../../src/engine/index.ts';
import type { BotMessage } from '../../src/replies/message.ts';

/** The engine over the bundled pack; build it once per test file (in `beforeAll`). */
export function loadTestEngine(): QaEngine {
  return createEngine(loadPack(DEFAULT_PACK_DIR));
}

/** An entity as written in the pack's entities.json. */
export interface EntityJson {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly short: string;
  readonly aliases: readonly string[];
}

/**
 * The bundled pack with its entity list edited, validated like any pack. For behaviours the real
 * data cannot tell apart (e.g. "winner first" from "alphabetical" when the winner also sorts first).
 */
export function loadPackWithEntities(edit: (entities: EntityJson[]) => EntityJson[]): KnowledgeBase {
  const read = (file: string) => readFileSync(join(DEFAULT_PACK_DIR, file), 'utf8');
  const pack = read(PACK_FILES.pack);
  const { articleFile } = JSON.parse(pack) as { articleFile: string };
  const { entities } = JSON.parse(read(PACK_FILES.entities)) as { entities: EntityJson[] };
  return parsePack({
    pack,
    entities: JSON.stringify({ entities: edit(entities) }),
    lexicon: read(PACK_FILES.lexicon),
    facts: read(PACK_FILES.facts),
    article: read(articleFile),
  });
}

/**
 * The bundled pack with the winner renamed "Zoe Lance Zottoms", so her name and surname sort after the
 * runner-up's while she still wins.
 */
export function loadPackWithWinnerSortingLast(): KnowledgeBase {
  return loadPackWithEntities((list) =>
    list.map((e) => (e.id === 'bottoms' ? { ...e, name: 'Zoe Lance Zottoms', short: 'Zottoms' } : e)),
  );
}

export const MEMBER: Invoker = { id: '111111111111111111', name: 'member', isModerator: false };
export const STRANGER: Invoker = { id: '222222222222222222', name: 'stranger', isModerator: false };
export const MODERATOR: Invoker = { id: '333333333333333333', name: 'moderator', isModerator: true };

export interface RunOptions {
  readonly invoker?: Invoker;
  readonly channelId?: string | null;
  readonly targetMessage?: CommandContext['targetMessage'];
}

/** The fact with this id in a knowledge base; fails the test if there is none. */
export function knownFact(kb: KnowledgeBase, id: string): Fact {
  const f = kb.factById.get(id);
  if (!f) throw new Error(`no fact ${id}`);
  return f;
}

/** Runs a command by its registered name with raw options, as the interaction router does. */
export function runCommand(
  engine: QaEngine,
  name: string,
  raw: readonly RawOption[] = [],
  opts: RunOptions = {},
): CommandOutcome {
  const command = findCommand(name);
  if (!command) throw new Error(`test setup: no command "${name}"`);
  return command.execute({
    engine,
    options: readOptions(command.data, raw),
    invoker: opts.invoker ?? MEMBER,
    channelId: opts.channelId === undefined ? '444444444444444444' : opts.channelId,
    guildId: '555555555555555555',
    ...(opts.targetMessage ? { targetMessage: opts.targetMessage } : {}),
  });
}

/** The UserError `run` throws; fails the test when it throws nothing or something else. */
export function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

/** The one embed of a reply; fails the test if there is not exactly one. */
export function onlyEmbed(msg: BotMessage): APIEmbed {
  const embeds = msg.embeds ?? [];
  if (embeds.length !== 1) throw new Error(`expected exactly one embed, got ${embeds.length}`);
  const [embed] = embeds;
  if (!embed) throw new Error('expected an embed');
  return embed;
}

/** The field with this exact name; fails the test if there is none. */
export function fieldNamed(embed: APIEmbed, name: string): APIEmbedField {
  const f = (embed.fields ?? []).find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field "${name}"; fields: ${(embed.fields ?? []).map((x) => x.name).join(', ')}`);
  }
  return f;
}

/** The fields that name a candidate, in order. */
export function candidateFields(e: APIEmbed, k: KnowledgeBase): APIEmbedField[] {
  return (e.fields ?? []).filter((f) => k.candidates.some((c) => f.name.startsWith(c.name)));
}

/** Every piece of text a user sees in a message, joined by newlines. */
export function visibleText(msg: BotMessage): string {
  const parts: string[] = [];
  if (msg.content) parts.push(msg.content);
  for (const e of msg.embeds ?? []) {
    if (e.author?.name) parts.push(e.author.name);
    if (e.title) parts.push(e.title);
    if (e.description) parts.push(e.description);
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
    if (e.footer?.text) parts.push(e.footer.text);
  }
  for (const row of msg.components ?? []) for (const b of row.components) parts.push(b.label ?? '');
  return parts.join('\n');
}

/** The custom ids of every button on a message, in order. */
export function buttonIds(msg: BotMessage): string[] {
  return (msg.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));
}

export { limitProblems } from './limits.ts';
