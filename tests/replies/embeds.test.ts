import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { factsEmbed, shareBar } from '../../src/replies/embeds.ts';
import { barEighths } from '../support/bars.ts';
import { knownFact, loadTestEngine } from '../support/bot.ts';

let kb: KnowledgeBase;
beforeAll(() => {
  kb = loadTestEngine().kb;
});

describe('shareBar', () => {
  it('GIVEN 0 and 100 percent THEN an empty bar and a full 20-cell bar', () => {
    expect(shareBar(0)).toBe('');
    expect(barEighths(shareBar(100))).toBe(20 * 8);
  });

  it('GIVEN a share THEN the bar is that share of the width, to the nearest eighth of a cell', () => {
    for (let p = 0; p <= 100; p += 0.37) {
      expect(Math.abs(barEighths(shareBar(p)) - (p / 100) * 160), String(p)).toBeLessThanOrEqual(0.5);
    }
  });

  it('GIVEN a larger share THEN the bar is never shorter', () => {
    let previous = -1;
    for (let p = 0; p <= 100; p += 0.01) {
      const length = barEighths(shareBar(p));
      expect(length).toBeGreaterThanOrEqual(previous);
      previous = length;
    }
  });

  it('GIVEN shares 0.82 points apart THEN the bars differ visibly', () => {
    expect(barEighths(shareBar(50.41))).toBeGreaterThan(barEighths(shareBar(49.59)));
  });

  it('GIVEN a share outside 0-100 THEN the bar is clamped', () => {
    expect(shareBar(-5)).toBe('');
    expect(shareBar(250)).toBe(shareBar(100));
  });

  it('GIVEN a width THEN a full bar is that many cells', () => {
    expect(barEighths(shareBar(100, 10))).toBe(80);
  });
});

describe('factsEmbed', () => {
  it('GIVEN several facts THEN states each answer in order and quotes each sentence once', () => {
    const facts = [knownFact(kb, 'margin'), knownFact(kb, 'recount-eligible'), knownFact(kb, 'results')];
    const embed = factsEmbed('Title', facts);
    expect(embed.title).toBe('Title');
    expect(embed.description).toBe(facts.map((f) => f.answer).join('\n\n'));
    const quoted = embed.fields?.[0]?.value ?? '';
    const all = facts.flatMap((f) => f.quotes.map((q) => q.text));
    const sentences = new Set(all);
    expect(sentences.size, 'the facts share a sentence').toBeLessThan(all.length);
    for (const s of sentences) {
      expect(quoted.split(`> ${s}`).length - 1, s.slice(0, 40)).toBe(1);
    }
  });

  it('GIVEN a fact with a corrected quote THEN the footer carries the correction note', () => {
    const f = knownFact(kb, 'profile-aman');
    const notes = f.quotes.flatMap((q) => q.notes);
    expect(notes.length).toBeGreaterThan(0);
    const footer = factsEmbed('Aman', [f]).footer?.text ?? '';
    for (const n of notes) expect(footer).toContain(n);
  });
});
