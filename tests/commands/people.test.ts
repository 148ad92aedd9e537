import { beforeAll, describe, expect, it } from 'vitest';
import {
  entityChoices,
  isCandidate,
  isProfiled,
  rankEntities,
  resolveEntity,
} from '../../src/commands/people.ts';
import type { Entity, KnowledgeBase } from '../../src/data/knowledge.ts';
import { type EntityJson, loadPackWithEntities, loadTestEngine } from '../support/bot.ts';

let kb: KnowledgeBase;
beforeAll(() => {
  kb = loadTestEngine().kb;
});

const everyone = () => true;

function candidateWithShort(short: string): Entity {
  const e = kb.candidates.find((c) => c.short === short);
  if (!e) throw new Error(`no candidate ${short}`);
  return e;
}

describe('resolveEntity', () => {
  it('GIVEN a misspelled candidate THEN resolves to the closest one', () => {
    expect(resolveEntity(kb, 'norwod', isCandidate)).toBe(candidateWithShort('Norwood'));
    expect(resolveEntity(kb, 'botoms', isCandidate)).toBe(candidateWithShort('Bottoms'));
  });

  it('GIVEN an alias in any case THEN resolves to its owner', () => {
    expect(resolveEntity(kb, 'KLB', isCandidate)).toBe(candidateWithShort('Bottoms'));
  });

  it('GIVEN a full name with stray case, spaces and punctuation THEN resolves to that person', () => {
    expect(resolveEntity(kb, '  Mary NORWOOD! ', isCandidate)).toBe(candidateWithShort('Norwood'));
  });

  it('GIVEN every name and alias in the pack THEN each resolves to its own entity', () => {
    for (const e of kb.entities.values()) {
      for (const typed of [e.name, ...e.aliases]) {
        expect(resolveEntity(kb, typed, everyone)?.id, typed).toBe(e.id);
      }
    }
  });

  it('GIVEN a name that matches nobody THEN resolves to nothing', () => {
    expect(resolveEntity(kb, 'xyz', isCandidate)).toBeUndefined();
    expect(resolveEntity(kb, 'xyz', everyone)).toBeUndefined();
  });

  it('GIVEN empty or punctuation-only input THEN resolves to nothing', () => {
    expect(resolveEntity(kb, '', everyone)).toBeUndefined();
    expect(resolveEntity(kb, '  ?!  ', everyone)).toBeUndefined();
  });

  it('GIVEN the name of someone who is not a candidate THEN no candidate is resolved in their place', () => {
    const others = [...kb.entities.values()].filter((e) => !isCandidate(e));
    expect(others.length).toBeGreaterThan(0);
    for (const e of others) {
      for (const typed of [e.name, ...e.aliases]) {
        expect(resolveEntity(kb, typed, isCandidate)?.name, `"${typed}" names ${e.name}`).toBeUndefined();
      }
    }
  });
});

describe('rankEntities', () => {
  it('GIVEN nothing typed THEN candidates come before everyone else', () => {
    const ranked = rankEntities(kb, '', everyone);
    const firstOther = ranked.findIndex((e) => !isCandidate(e));
    expect(
      ranked
        .slice(0, firstOther)
        .map((e) => e.id)
        .sort(),
    ).toEqual(kb.candidates.map((c) => c.id).sort());
    expect(ranked.slice(firstOther).some(isCandidate)).toBe(false);
  });

  it('GIVEN an exact alias and a prefix of another name THEN the exact match ranks first', () => {
    // "kasim" is an alias of Kasim Reed and a fuzzy neighbour of Kamala Harris.
    const ranked = rankEntities(kb, 'kasim', everyone);
    expect(ranked[0]?.name).toBe('Kasim Reed');
  });

  it('GIVEN a restriction THEN only accepted entities are ranked', () => {
    const ranked = rankEntities(kb, 'n', isCandidate);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.every(isCandidate)).toBe(true);
  });
});

describe('entityChoices', () => {
  it('GIVEN "no" for a candidate THEN Norwood is the first choice, valued by id', () => {
    const choices = entityChoices(kb, 'no', isCandidate);
    expect(choices[0]).toEqual({ name: candidateWithShort('Norwood').name, value: 'norwood' });
  });

  it('GIVEN nothing typed for /candidate THEN every profiled person is offered', () => {
    const profiled = [...kb.entities.values()].filter(isProfiled(kb));
    const choices = entityChoices(kb, '', isProfiled(kb));
    expect(choices.map((c) => c.value).sort()).toEqual(profiled.map((e) => e.id).sort());
  });

  it('GIVEN more than 25 matches and names over 100 characters THEN 25 choices, each name within 100', () => {
    const extra = Array.from(
      { length: 40 },
      (_, i): EntityJson => ({
        id: `nora-${i}`,
        kind: 'person',
        name: `Nora ${'Longname '.repeat(15)}${i}`,
        short: `Nora ${i}`,
        aliases: [`nora ${i}`],
      }),
    );
    const big = loadPackWithEntities((list) => [...list, ...extra]);
    const choices = entityChoices(big, 'no', everyone);
    expect(choices).toHaveLength(25);
    expect(choices[0]?.value).toBe('norwood');
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(big.entities.has(c.value)).toBe(true);
    }
  });
});
