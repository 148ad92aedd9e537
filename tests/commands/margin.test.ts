import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { fieldNamed, loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'margin').reply);
});

const value = (key: string): string => kb.values.get(key) ?? `<no ${key}>`;

describe('/margin', () => {
  it('GIVEN the runoff THEN states the margin in votes (759) and in points (0.82)', () => {
    expect(embed.description).toContain(`${value('runoff.marginVotes')} votes`);
    expect(embed.description).toContain(`${value('runoff.marginPoints')} percentage points`);
    // 759 is the article's own figure; 0.82 is 50.41 - 49.59.
    expect(kb.article).toContain(`${value('runoff.marginVotes')} votes`);
    const { bottoms = 0, norwood = 0 } = kb.figures.runoff.shares;
    expect(value('runoff.marginPoints')).toBe((bottoms - norwood).toFixed(2));
  });

  it("GIVEN Georgia's recount rule THEN says the margin is under its 1 percent", () => {
    expect(embed.description).toContain(`under the ${value('recountRule.thresholdPercent')} percent`);
    expect(kb.article).toContain(`less than ${value('recountRule.thresholdPercent')} percent`);
  });

  it("GIVEN the 2009 election THEN compares with Norwood's 714-vote loss", () => {
    expect(embed.description).toContain(value('precedent.year'));
    expect(embed.description).toContain(`${value('precedent.marginVotes')} votes`);
    expect(kb.article).toContain(`${value('precedent.marginVotes')} votes`);
    expect(embed.description).toContain(
      `${value('precedent.diffVotes')} more than in ${value('precedent.year')}`,
    );
    expect(Number(value('precedent.diffVotes'))).toBe(
      kb.figures.runoff.marginVotes - kb.figures.precedent.marginVotes,
    );
  });

  it('GIVEN the card THEN it quotes the sentences for the margin, the rule and 2009', () => {
    const quoted = fieldNamed(embed, 'From the article').value;
    for (const id of ['margin', 'recount-eligible', 'precedent-2009']) {
      for (const q of kb.factById.get(id)?.quotes ?? []) expect(quoted).toContain(q.text);
    }
  });
});
