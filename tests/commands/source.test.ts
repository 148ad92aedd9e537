import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'source').reply);
});

describe('/source', () => {
  it('GIVEN the article THEN names its reporters, Klugerman and Chess', () => {
    for (const id of ['klugerman', 'chess']) expect(embed.description).toContain(kb.entities.get(id)?.name);
    expect(kb.article).toContain('Alex Klugerman and Richard Chess contributed reporting');
  });

  it('GIVEN the figures THEN says they come from the AJC', () => {
    expect(embed.description).toContain('Atlanta Journal-Constitution (AJC)');
  });

  it('GIVEN the correction THEN gives its date and time and what it corrected', () => {
    const { correction } = kb.figures;
    expect(embed.description).toContain('correction');
    expect(embed.description).toContain(correction.time);
    expect(embed.description).toContain('"dreams"');
    expect(kb.article).toContain(`CORRECTION (12/6/17 at ${correction.time})`);
  });
});
