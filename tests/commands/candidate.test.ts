import { beforeAll, describe, expect, it } from 'vitest';
import { findCommand } from '../../src/commands/index.ts';
import { UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { limitProblems, loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

const profile = (name: string) =>
  onlyEmbed(runCommand(engine, 'candidate', [{ name: 'name', value: name }]).reply);

/** People and organisations with a profile: what /candidate can tell about. */
const profiled = () =>
  [...engine.kb.entities.values()].filter((e) => engine.kb.factById.has(`profile-${e.id}`));

describe('/candidate', () => {
  it('GIVEN "Peter Aman" THEN says he was Atlanta\'s chief operating officer (COO)', () => {
    const embed = profile('Peter Aman');
    expect(embed.title).toBe('Peter Aman');
    expect(embed.description).toContain('COO');
    expect(embed.description).toContain('chief operating officer');
    expect(engine.kb.article).toContain('chief operating officer');
  });

  it('GIVEN a candidate THEN gives their profile from the article', () => {
    const embed = profile('bottoms');
    expect(embed.title).toBe('Keisha Lance Bottoms');
    expect(embed.description).toBe(engine.kb.factById.get('profile-bottoms')?.answer);
  });

  it('GIVEN every profiled name THEN each gets a card within Discord limits', () => {
    const people = profiled();
    expect(people.length).toBeGreaterThan(2);
    for (const e of people) {
      const reply = runCommand(engine, 'candidate', [{ name: 'name', value: e.name }]).reply;
      expect(onlyEmbed(reply).title).toBe(e.name);
      expect(limitProblems(reply)).toEqual([]);
    }
  });

  it('GIVEN someone the article does not name THEN a UserError lists who can be looked up', () => {
    const run = () => runCommand(engine, 'candidate', [{ name: 'name', value: 'xyz' }]);
    expect(run).toThrow(UserError);
    expect(run).toThrow('"xyz"');
    for (const e of profiled()) expect(run).toThrow(e.name);
  });

  it('GIVEN a group without a profile THEN a UserError, not someone else', () => {
    expect(() =>
      runCommand(engine, 'candidate', [{ name: 'name', value: 'Young Democrats of Emory' }]),
    ).toThrow(UserError);
  });

  it('GIVEN nothing typed THEN autocomplete offers the candidates first, then only people with a profile', () => {
    const choices =
      findCommand('candidate')?.autocomplete?.({ engine, focused: { name: 'name', value: '' } }) ?? [];
    expect(
      choices
        .slice(0, 2)
        .map((c) => c.value)
        .sort(),
    ).toEqual(engine.kb.candidates.map((c) => c.id).sort());
    expect(choices.map((c) => c.value).sort()).toEqual(
      profiled()
        .map((e) => e.id)
        .sort(),
    );
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});
