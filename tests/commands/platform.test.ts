import { beforeAll, describe, expect, it } from 'vitest';
import { findCommand } from '../../src/commands/index.ts';
import { UserError } from '../../src/commands/types.ts';
import type { Entity } from '../../src/data/knowledge.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { limitProblems, loadTestEngine, onlyEmbed, runCommand, userError } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

function candidate(short: string): Entity {
  const c = engine.kb.candidates.find((x) => x.short === short);
  if (!c) throw new Error(`no candidate ${short}`);
  return c;
}

function platformOf(typed: string) {
  return onlyEmbed(runCommand(engine, 'platform', [{ name: 'candidate', value: typed }]).reply);
}

/** The message of the UserError /platform refuses a name with. */
function refusal(typed: string): string {
  return userError(() => runCommand(engine, 'platform', [{ name: 'candidate', value: typed }])).message;
}

function autocomplete(typed: string) {
  const run = findCommand('platform')?.autocomplete;
  if (!run) throw new Error('/platform has no autocomplete');
  return run({ engine, focused: { name: 'candidate', value: typed } });
}

describe('/platform', () => {
  it("GIVEN a misspelled candidate (norwod) THEN shows Norwood's platform", () => {
    const norwood = candidate('Norwood');
    const embed = platformOf('norwod');
    expect(embed.title).toBe(`${norwood.name}'s platform`);
    for (const item of engine.kb.figures.platform[norwood.id]?.items ?? []) {
      expect(embed.description).toContain(item.text);
    }
  });

  it('GIVEN a candidate by alias THEN shows that platform, with its name', () => {
    const bottoms = candidate('Bottoms');
    const embed = platformOf('KLB');
    expect(embed.title).toBe(`${bottoms.name}'s platform`);
    const name = engine.kb.figures.platform[bottoms.id]?.name;
    expect(name).toBeTruthy();
    expect(embed.description).toContain(`"${name}"`);
  });

  it('GIVEN a name that matches no candidate (xyz) THEN a UserError names the real candidates', () => {
    const message = refusal('xyz');
    expect(message).toContain('"xyz"');
    for (const c of engine.kb.candidates) expect(message).toContain(c.name);
  });

  it.each(['Kasim Reed', 'AJC', 'Emory'])(
    'GIVEN someone or something that is not a candidate (%s) THEN it is refused, not read as a candidate',
    (typed) => {
      expect(refusal(typed)).toContain(`"${typed}"`);
    },
  );

  it('GIVEN no candidate at all THEN a UserError asks for one', () => {
    expect(() => runCommand(engine, 'platform', [])).toThrow(UserError);
  });

  it('GIVEN "no" typed THEN autocomplete offers Norwood first', () => {
    const choices = autocomplete('no');
    expect(choices[0]).toEqual({ name: candidate('Norwood').name, value: candidate('Norwood').id });
  });

  it('GIVEN anything typed THEN autocomplete offers at most 25 candidates with names within 100 characters', () => {
    for (const typed of ['', 'no', 'b', 'KLB', 'x'.repeat(100), 'mary norwood']) {
      const choices = autocomplete(typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(engine.kb.candidates.map((x) => x.id)).toContain(c.value);
      }
    }
  });

  it('GIVEN an autocomplete choice THEN running the command with its value shows that candidate', () => {
    for (const choice of autocomplete('')) {
      const reply = runCommand(engine, 'platform', [{ name: 'candidate', value: choice.value }]).reply;
      expect(onlyEmbed(reply).title).toBe(`${choice.name}'s platform`);
      expect(limitProblems(reply)).toEqual([]);
    }
  });
});
