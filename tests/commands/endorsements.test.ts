import { beforeAll, describe, expect, it } from 'vitest';
import { findCommand } from '../../src/commands/index.ts';
import type { RawOption } from '../../src/commands/options.ts';
import { UserError } from '../../src/commands/types.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { fieldNamed, knownFact, loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

const endorsements = (raw: RawOption[] = []) => onlyEmbed(runCommand(engine, 'endorsements', raw).reply);

describe('/endorsements', () => {
  it('GIVEN no candidate THEN tells who backed each of them, with the quotes', () => {
    const embed = endorsements();
    expect(embed.title).toBe('Endorsements');
    expect(embed.description).toBe(knownFact(engine.kb, 'endorsements').answer);
    for (const c of engine.kb.candidates) expect(embed.description).toContain(`For ${c.short}`);
    const quoted = fieldNamed(embed, 'From the article').value;
    for (const q of knownFact(engine.kb, 'endorsements').quotes) expect(quoted).toContain(q.text);
  });

  it('GIVEN an empty candidate THEN treats it as both', () => {
    expect(endorsements([{ name: 'candidate', value: '   ' }]).title).toBe('Endorsements');
  });

  it("GIVEN Norwood THEN only Norwood's endorsements, naming Franklin and Aman", () => {
    const embed = endorsements([{ name: 'candidate', value: 'norwood' }]);
    expect(embed.title).toBe('Endorsements of Mary Norwood');
    expect(embed.description).toBe(knownFact(engine.kb, 'endorsements-norwood').answer);
    for (const id of ['franklin', 'aman'])
      expect(embed.description).toContain(engine.kb.entities.get(id)?.name);
  });

  it("GIVEN Bottoms by a typo THEN Bottoms' endorsements", () => {
    const embed = endorsements([{ name: 'candidate', value: 'bottms' }]);
    expect(embed.description).toBe(knownFact(engine.kb, 'endorsements-bottoms').answer);
  });

  it('GIVEN the peculiar "Peter A man" spelling THEN the footer explains the corrected name', () => {
    const embed = endorsements([{ name: 'candidate', value: 'norwood' }]);
    expect(embed.description).toContain('Peter Aman');
    expect(embed.footer?.text).toContain('"Peter A man"');
  });

  it.each(['xyz', 'Emory', 'Shirley Franklin'])(
    'GIVEN a name that is not a candidate (%s) THEN a UserError names the real candidates',
    (typed) => {
      const run = () => runCommand(engine, 'endorsements', [{ name: 'candidate', value: typed }]);
      expect(run).toThrow(UserError);
      expect(run).toThrow(engine.kb.candidates.map((c) => c.name).join(' and '));
    },
  );

  it('GIVEN "bo" typed THEN autocomplete offers Bottoms first', () => {
    const choices = findCommand('endorsements')?.autocomplete?.({
      engine,
      focused: { name: 'candidate', value: 'bo' },
    });
    expect(choices?.[0]?.value).toBe('bottoms');
  });
});
