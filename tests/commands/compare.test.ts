import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { createEngine } from '../../src/engine/index.ts';
import { TEXT } from '../../src/replies/strings.ts';
import {
  candidateFields,
  fieldNamed,
  loadPackWithWinnerSortingLast,
  loadTestEngine,
  onlyEmbed,
  runCommand,
} from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'compare').reply);
});

/** The surname a reader sees in a field name: the last word of the candidate's name. */
function surname(field: APIEmbedField, k: KnowledgeBase): string {
  const c = k.candidates.find((x) => field.name.startsWith(x.name));
  return c?.name.split(' ').at(-1) ?? '';
}

/** Words that rank or take a side. */
const RANKING =
  /\b(better|best|worse|worst|winner|won|wins|loser|lost|stronger|weaker|superior|leading|ahead)\b/i;

describe('/compare', () => {
  it('GIVEN two candidates THEN exactly two candidate fields, laid out the same way', () => {
    const fields = candidateFields(embed, kb);
    expect(fields).toHaveLength(2);
    expect(fields.map((f) => f.inline)).toEqual([true, true]);
    for (const f of fields) expect(f.value.split('\n').every((line) => line.startsWith('• '))).toBe(true);
  });

  it('GIVEN each platform THEN every item the article lists is shown under its candidate', () => {
    for (const c of kb.candidates) {
      const field = candidateFields(embed, kb).find((f) => f.name.startsWith(c.name));
      for (const item of kb.figures.platform[c.id]?.items ?? []) expect(field?.value).toContain(item.text);
    }
  });

  it('GIVEN the candidates THEN they are in alphabetical order of surname', () => {
    const names = candidateFields(embed, kb).map((f) => surname(f, kb));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('GIVEN a winner whose surname sorts last THEN the winner is not listed first', () => {
    const other = loadPackWithWinnerSortingLast();
    const e = onlyEmbed(runCommand(createEngine(other), 'compare').reply);
    expect(candidateFields(e, other).map((f) => surname(f, other))).toEqual(['Norwood', 'Zottoms']);
  });

  it('GIVEN the comparison THEN no candidate field ranks or picks a side', () => {
    for (const f of candidateFields(embed, kb)) {
      expect(f.name).not.toMatch(RANKING);
      expect(f.value).not.toMatch(RANKING);
    }
  });

  it('GIVEN the card THEN the footer says the order is alphabetical and the bot takes no side', () => {
    expect(embed.footer?.text).toContain(TEXT.neutralOrdering);
  });

  it('GIVEN the card THEN it quotes both platform sentences', () => {
    const text = fieldNamed(embed, 'From the article').value;
    for (const id of ['platform-bottoms', 'platform-norwood']) {
      for (const q of kb.factById.get(id)?.quotes ?? []) expect(text).toContain(q.text);
    }
  });
});
