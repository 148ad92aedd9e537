/**
 * Resolving a typed name to a pack entity ("norwod", "KLB", "Mary Norwood") and ranking names for
 * autocomplete: exact first, then alias, then fuzzy, capped at Discord's 25 choices.
 */
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import Fuse from 'fuse.js';
import type { Entity, KnowledgeBase } from '../data/knowledge.ts';
import { foldText } from '../engine/normalise.ts';
import { DISCORD_LIMITS } from '../replies/limits.ts';

/** fuse.js scores above this are not a misspelling of the name. */
export const NAME_MAX_SCORE = 0.3;

/** fuse.js options for names, in one frozen place. */
export const NAME_FUSE_OPTIONS = Object.freeze({
  includeScore: true,
  threshold: 0.4,
  ignoreLocation: true,
  keys: ['alias'],
});

interface AliasRow {
  readonly alias: string;
  readonly entity: Entity;
}

const indexes = new WeakMap<KnowledgeBase, Fuse<AliasRow>>();

function aliasIndex(kb: KnowledgeBase): Fuse<AliasRow> {
  let fuse = indexes.get(kb);
  if (!fuse) {
    const rows = [...kb.entities.values()].flatMap((entity) =>
      [entity.name, ...entity.aliases].map((alias) => ({ alias: alias.toLowerCase(), entity })),
    );
    fuse = new Fuse(rows, NAME_FUSE_OPTIONS);
    indexes.set(kb, fuse);
  }
  return fuse;
}

function clean(input: string): string {
  return foldText(input)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Ranked entities for typed text, restricted by `accept`: exact, then alias prefix, then fuzzy. */
export function rankEntities(kb: KnowledgeBase, input: string, accept: (e: Entity) => boolean): Entity[] {
  const q = clean(input);
  // Candidates first, then everyone else in pack order.
  const pool = [...kb.entities.values()]
    .filter(accept)
    .sort((a, b) => Number(b.kind === 'candidate') - Number(a.kind === 'candidate'));
  if (!q) return pool;
  const out: Entity[] = [];
  const add = (e: Entity | undefined) => {
    if (e && accept(e) && !out.includes(e)) out.push(e);
  };
  for (const e of pool) if (e.id === q || e.name.toLowerCase() === q || e.aliases.includes(q)) add(e);
  for (const e of pool)
    if (e.name.toLowerCase().startsWith(q) || e.aliases.some((a) => a.startsWith(q))) add(e);
  // Real typos of names score well under this; unrelated words ("mayor", "obama") score above it.
  for (const hit of aliasIndex(kb).search(q.slice(0, 64))) {
    if ((hit.score ?? 1) <= NAME_MAX_SCORE) add(hit.item.entity);
  }
  return out;
}

/** The single entity a typed name means, or undefined when none is close enough. */
export function resolveEntity(
  kb: KnowledgeBase,
  input: string,
  accept: (e: Entity) => boolean,
): Entity | undefined {
  if (!clean(input)) return undefined;
  // Rank against everyone, then check: a name that means someone else ("AJC", "Emory") must not
  // fall through to the closest accepted entity (a weak fuzzy match such as Bottoms or Norwood).
  const best = rankEntities(kb, input, () => true)[0];
  return best && accept(best) ? best : undefined;
}

/** Autocomplete choices (name shown, entity id as value), at most 25. */
export function entityChoices(
  kb: KnowledgeBase,
  input: string,
  accept: (e: Entity) => boolean,
): APIApplicationCommandOptionChoice<string>[] {
  return rankEntities(kb, input, accept)
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((e) => ({ name: e.name.slice(0, DISCORD_LIMITS.choiceName), value: e.id }));
}

export const isCandidate = (e: Entity) => e.kind === 'candidate';
export const isProfiled = (kb: KnowledgeBase) => (e: Entity) => kb.factById.has(`profile-${e.id}`);
