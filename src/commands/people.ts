/**
 * Resolving a typed name to a pack entity ("norwod", "KLB", "Mary Norwood") and ranking names for
 * autocomplete: exact first, then alias, then fuzzy, capped at Discord's 25 choices.
 */
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import Fuse from 'fuse.js';
import type { Entity, Fact, KnowledgeBase } from '../data/knowledge.ts';
import { foldText } from '../engine/normalise.ts';
import { DISCORD_LIMITS } from '../replies/limits.ts';
import { UserError } from './types.ts';

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

/** fuse.js indexes over the aliases of a pool of entities, per pack, keyed by the pool's ids. */
const indexes = new WeakMap<KnowledgeBase, Map<string, Fuse<AliasRow>>>();
/** Pools remembered per pack; there are as many as filters (a few), this is only a backstop. */
const MAX_POOLS = 32;

/**
 * An index over the aliases of the entities in `pool`, in pack order. fuse.js scores each row on
 * its own and breaks ties by row order, so searching this smaller index ranks the pool's entities
 * exactly as searching every alias and dropping the others would, at a fraction of the cost
 * (the load bench found the full search was the costliest part of /platform and autocomplete).
 */
function aliasIndex(kb: KnowledgeBase, pool: readonly Entity[]): Fuse<AliasRow> {
  let byPool = indexes.get(kb);
  if (!byPool) {
    byPool = new Map();
    indexes.set(kb, byPool);
  }
  const members = new Set(pool);
  const key = [...kb.entities.values()]
    .filter((e) => members.has(e))
    .map((e) => e.id)
    .join('\n');
  let fuse = byPool.get(key);
  if (!fuse) {
    const rows = [...kb.entities.values()]
      .filter((e) => members.has(e))
      .flatMap((entity) =>
        [entity.name, ...entity.aliases].map((alias) => ({ alias: alias.toLowerCase(), entity })),
      );
    fuse = new Fuse(rows, NAME_FUSE_OPTIONS);
    if (byPool.size >= MAX_POOLS) byPool.clear();
    byPool.set(key, fuse);
  }
  return fuse;
}

function clean(input: string): string {
  return foldText(input)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Ranked entities for typed text, restricted by `accept`: exact, then alias prefix, then fuzzy.
 * With `limit`, only the first `limit` are wanted: the fuzzy search is skipped once they are known
 * (or once every accepted entity is ranked), which does not change the first `limit`.
 */
export function rankEntities(
  kb: KnowledgeBase,
  input: string,
  accept: (e: Entity) => boolean,
  limit = Number.POSITIVE_INFINITY,
): Entity[] {
  const q = clean(input);
  // Candidates first, then everyone else in pack order.
  const pool = [...kb.entities.values()]
    .filter(accept)
    .sort((a, b) => Number(b.kind === 'candidate') - Number(a.kind === 'candidate'));
  if (!q) return pool.slice(0, limit);
  const out: Entity[] = [];
  const add = (e: Entity | undefined) => {
    if (e && accept(e) && !out.includes(e)) out.push(e);
  };
  const done = () => out.length >= limit || out.length === pool.length;
  for (const e of pool) if (e.id === q || e.name.toLowerCase() === q || e.aliases.includes(q)) add(e);
  for (const e of pool)
    if (e.name.toLowerCase().startsWith(q) || e.aliases.some((a) => a.startsWith(q))) add(e);
  if (!done()) {
    // Real typos of names score well under this; unrelated words ("mayor", "obama") score above it.
    for (const hit of aliasIndex(kb, pool).search(q.slice(0, 64))) {
      if ((hit.score ?? 1) <= NAME_MAX_SCORE) add(hit.item.entity);
    }
  }
  return out.slice(0, limit);
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
  const best = rankEntities(kb, input, everyone, 1)[0];
  return best && accept(best) ? best : undefined;
}

/**
 * The person a typed name means and the pack's fact `<kind>-<id>` about them ("platform-norwood");
 * otherwise a UserError, from `unknown`, listing the names that can be asked about.
 */
export function personFact(
  kb: KnowledgeBase,
  input: string,
  accept: (e: Entity) => boolean,
  kind: string,
  unknown: (input: string, names: readonly string[]) => string,
): { who: Entity; fact: Fact } {
  const who = resolveEntity(kb, input, accept);
  const fact = who && kb.factById.get(`${kind}-${who.id}`);
  if (!who || !fact) {
    throw new UserError(
      unknown(
        input,
        [...kb.entities.values()].filter(accept).map((e) => e.name),
      ),
    );
  }
  return { who, fact };
}

/** Autocomplete choices (name shown, entity id as value), at most 25. */
export function entityChoices(
  kb: KnowledgeBase,
  input: string,
  accept: (e: Entity) => boolean,
): APIApplicationCommandOptionChoice<string>[] {
  return rankEntities(kb, input, accept, DISCORD_LIMITS.autocompleteChoices).map((e) => ({
    name: e.name.slice(0, DISCORD_LIMITS.choiceName),
    value: e.id,
  }));
}

const everyone = () => true;
export const isCandidate = (e: Entity) => e.kind === 'candidate';
export const isProfiled = (kb: KnowledgeBase) => (e: Entity) => kb.factById.has(`profile-${e.id}`);
