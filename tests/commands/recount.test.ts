import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'recount').reply);
});

/** Words that forecast an outcome. */
const PREDICTION =
  /\b(will|would|likely|unlikely|expect(?:ed|s)?|predict\w*|probabl[ey]|chances?|odds|should)\b/i;

describe('/recount', () => {
  it('GIVEN the recount THEN the footer says the article predates it and the bot only reports', () => {
    expect(embed.footer?.text).toContain(
      'The article was written before any recount; this reports what it says.',
    );
  });

  it('GIVEN the recount THEN nothing in the answer forecasts its outcome', () => {
    expect(embed.description).not.toMatch(PREDICTION);
    expect(embed.title).not.toMatch(PREDICTION);
  });

  it('GIVEN the recount THEN says who called for it, what was still uncounted, the rule and 2009', () => {
    const runnerUp = kb.entities.get(kb.derived.runoff.runnerUp);
    expect(embed.description).toContain(`${runnerUp?.name} called for a recount`);
    expect(embed.description).toContain('provisional votes');
    expect(embed.description).toContain(kb.values.get('provisional.countedDate'));
    expect(embed.description).toContain(`${kb.figures.recountRule.thresholdPercent} percent`);
    expect(embed.description).toContain(`${kb.figures.precedent.year}`);
  });
});
