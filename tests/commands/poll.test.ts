import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { fieldNamed, loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'poll').reply);
});

describe('/poll', () => {
  it('GIVEN the poll THEN the title gives its release date', () => {
    expect(embed.title).toContain(kb.values.get('poll.released'));
  });

  it('GIVEN the poll THEN names who conducted it, the sample and the undecided share', () => {
    const sponsors = fieldNamed(embed, 'Conducted by').value;
    for (const id of kb.figures.poll.sponsors) expect(sponsors).toContain(kb.entities.get(id)?.short);
    expect(fieldNamed(embed, 'Sample').value).toContain(`${kb.figures.poll.sample} likely runoff voters`);
    expect(fieldNamed(embed, 'Undecided').value).toBe(`${kb.figures.poll.undecided}%`);
  });

  it("GIVEN each candidate THEN sets the poll's share against the result", () => {
    const rows = fieldNamed(embed, 'Poll against the result').value.split('\n');
    expect(rows).toHaveLength(kb.candidates.length);
    for (const c of kb.candidates) {
      const row = rows.find((r) => r.startsWith(`${c.short}:`));
      expect(row).toBe(
        `${c.short}: poll **${kb.figures.poll.shares[c.id]}%** → result **${kb.figures.runoff.shares[c.id]}%**`,
      );
    }
  });

  it('GIVEN the poll had the loser ahead THEN says how far off it was', () => {
    const howFar = fieldNamed(embed, 'How far off').value;
    expect(howFar).toBe(kb.factById.get('poll-vs-result')?.answer);
    expect(howFar).toContain(`off by ${kb.values.get('poll.missPoints')} points`);
    // The poll's Norwood-minus-Bottoms lead plus the result's Bottoms-minus-Norwood margin.
    const { poll, runoff } = kb.figures;
    const miss =
      (poll.shares.norwood ?? 0) -
      (poll.shares.bottoms ?? 0) +
      (runoff.shares.bottoms ?? 0) -
      (runoff.shares.norwood ?? 0);
    expect(kb.values.get('poll.missPoints')).toBe(miss.toFixed(2));
  });

  it('GIVEN the card THEN it quotes the poll sentences', () => {
    const quoted = fieldNamed(embed, 'From the article').value;
    for (const q of kb.factById.get('poll')?.quotes ?? []) expect(quoted).toContain(q.text);
  });
});
