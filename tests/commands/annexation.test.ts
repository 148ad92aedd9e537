import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { fieldNamed, loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'annexation').reply);
});

describe('/annexation', () => {
  it('GIVEN the annexation THEN says the City Council approved it on Monday, the day before the runoff', () => {
    expect(embed.description).toContain('Atlanta City Council approved');
    expect(embed.description).toContain(
      `${kb.figures.annexation.approvedWeekday}, ${kb.values.get('annexation.approvedDate')}`,
    );
  });

  it('GIVEN the annexed area THEN says its voters could not vote in the runoff', () => {
    expect(embed.description).toContain('ineligible');
    expect(kb.article).toContain('ineligible to participate');
  });

  it('GIVEN the candidates THEN gives where they stood on it', () => {
    expect(embed.description).toContain(kb.factById.get('annexation-stance')?.answer);
  });

  it('GIVEN the card THEN it quotes the annexation sentence', () => {
    const quoted = fieldNamed(embed, 'From the article').value;
    for (const q of kb.factById.get('annexation-approved')?.quotes ?? []) expect(quoted).toContain(q.text);
  });
});
