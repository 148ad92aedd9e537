/**
 * Names typed into /platform, /candidate and autocomplete: the fuzzy search runs over the aliases
 * of the accepted entities only, and not at all once the answer is known. These tests hold the
 * results to the original algorithm (every alias searched, then filtered, then cut), for many
 * typed inputs and every filter the commands use.
 */
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import {
  entityChoices,
  isCandidate,
  isProfiled,
  NAME_FUSE_OPTIONS,
  NAME_MAX_SCORE,
  rankEntities,
  resolveEntity,
} from '../../src/commands/people.ts';
import type { Entity, KnowledgeBase } from '../../src/data/knowledge.ts';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { foldText } from '../../src/engine/normalise.ts';

const kb = loadPack(DEFAULT_PACK_DIR);

/** The typed text as the commands compare it. */
function cleaned(input: string): string {
  return foldText(input)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The ranking as specified: search every alias, keep close matches of the accepted entities. */
function reference(pack: KnowledgeBase, input: string, accept: (e: Entity) => boolean): Entity[] {
  const q = cleaned(input);
  const pool = [...pack.entities.values()]
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
  const rows = [...pack.entities.values()].flatMap((entity) =>
    [entity.name, ...entity.aliases].map((alias) => ({ alias: alias.toLowerCase(), entity })),
  );
  for (const hit of new Fuse(rows, NAME_FUSE_OPTIONS).search(q.slice(0, 64))) {
    if ((hit.score ?? 1) <= NAME_MAX_SCORE) add(hit.item.entity);
  }
  return out;
}

/** resolveEntity as specified: the best match among everyone, if `accept` takes it. */
function referenceResolve(
  pack: KnowledgeBase,
  input: string,
  accept: (e: Entity) => boolean,
): Entity | undefined {
  if (cleaned(input) === '') return undefined;
  const best = reference(pack, input, () => true)[0];
  return best && accept(best) ? best : undefined;
}

const filters: [string, (e: Entity) => boolean][] = [
  ['candidates', isCandidate],
  ['profiled people', isProfiled(kb)],
  ['everyone', () => true],
];

/** Every name and alias, their prefixes, and a few typos and strangers. */
const typed = [
  ...[...kb.entities.values()].flatMap((e) => [e.name, ...e.aliases]),
  ...[...kb.entities.values()].flatMap((e) => [1, 2, 3, 5].map((n) => e.name.slice(0, n))),
  'botoms',
  'Norwod',
  'Bottums',
  'nrwood',
  'keisha',
  'KLB',
  'Kasim Reed',
  'trump',
  'xyz',
  '',
  '   ',
  'Mary  Norwood!!',
];

const ids = (entities: readonly Entity[]) => entities.map((e) => e.id);

describe('rankEntities against the original algorithm', () => {
  for (const [name, accept] of filters) {
    it(`GIVEN names, prefixes and typos, for ${name} THEN the same ranking, choices and resolution`, () => {
      for (const input of typed) {
        const expected = reference(kb, input, accept);
        expect(ids(rankEntities(kb, input, accept)), input).toEqual(ids(expected));
        expect(
          entityChoices(kb, input, accept).map((c) => c.value),
          input,
        ).toEqual(ids(expected.slice(0, 25)));
        expect(resolveEntity(kb, input, accept)?.id, input).toBe(referenceResolve(kb, input, accept)?.id);
      }
    });
  }

  it('GIVEN random text THEN the same ranking for every filter', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('!!', ' ? ', '--', 'KLB!', 'norwod?')),
        fc.constantFrom(...filters),
        (input, [, accept]) => {
          expect(ids(rankEntities(kb, input, accept))).toEqual(ids(reference(kb, input, accept)));
          expect(ids(rankEntities(kb, input, accept, 1))).toEqual(
            ids(reference(kb, input, accept).slice(0, 1)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
