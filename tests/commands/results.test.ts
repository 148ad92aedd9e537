import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { createEngine, type QaEngine } from '../../src/engine/index.ts';
import { barEighths } from '../support/bars.ts';
import {
  candidateFields,
  fieldNamed,
  limitProblems,
  loadPackWithWinnerSortingLast,
  loadTestEngine,
  onlyEmbed,
  runCommand,
} from '../support/bot.ts';

let engine: QaEngine;
let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'results').reply);
});

const value = (key: string): string => {
  const v = kb.values.get(key);
  if (v === undefined) throw new Error(`no value ${key}`);
  return v;
};

/** A candidate row as a user reads it: the bar's length in eighths of a cell, and the share shown. */
function readRow(field: APIEmbedField): { bar: number; share: number } {
  const m = /^(\S*) \*\*([\d.]+)%\*\*$/.exec(field.value);
  if (!m) throw new Error(`not a share row: ${field.value}`);
  const bar = barEighths(m[1] ?? '');
  return { bar, share: Number(m[2]) };
}

describe('/results', () => {
  it('GIVEN the runoff THEN both candidates are shown with their party and the share the article gives', () => {
    const rows = candidateFields(embed, kb);
    expect(rows).toHaveLength(2);
    for (const c of kb.candidates) {
      const row = rows.find((f) => f.name.startsWith(c.name));
      expect(row?.name).toContain(`(${kb.figures.candidates[c.id]?.party})`);
      expect(row && readRow(row).share).toBe(kb.figures.runoff.shares[c.id]);
      expect(kb.article).toContain(String(kb.figures.runoff.shares[c.id]));
    }
  });

  it('GIVEN the runoff THEN the winner is listed first and named in the description', () => {
    const winner = kb.entities.get(kb.figures.runoff.winner);
    expect(candidateFields(embed, kb)[0]?.name.startsWith(winner?.name ?? '?')).toBe(true);
    expect(embed.description).toContain(winner?.name);
  });

  it('GIVEN a winner whose surname sorts last THEN the winner is still listed first', () => {
    const other = loadPackWithWinnerSortingLast();
    const e = onlyEmbed(runCommand(createEngine(other), 'results').reply);
    expect(candidateFields(e, other)[0]?.name).toMatch(/^Zoe Lance Zottoms/);
  });

  it('GIVEN the shares THEN the longer bar belongs to the larger share', () => {
    const [first, second] = candidateFields(embed, kb).map(readRow);
    if (!first || !second) throw new Error('expected two candidate rows');
    expect(first.share).toBeGreaterThan(second.share);
    expect(first.bar).toBeGreaterThan(second.bar);
  });

  it('GIVEN the margin THEN a field gives it in votes and in percentage points', () => {
    const margin = fieldNamed(embed, 'Margin').value;
    expect(margin).toContain(`${value('runoff.marginVotes')} votes`);
    expect(margin).toContain(`${value('runoff.marginPoints')} percentage points`);
    const { bottoms = 0, norwood = 0 } = kb.figures.runoff.shares;
    expect(value('runoff.marginPoints')).toBe(Math.abs(bottoms - norwood).toFixed(2));
  });

  it('GIVEN the time of the count THEN "As of" says 12:40 a.m. Wednesday with its date', () => {
    const asOf = fieldNamed(embed, 'As of').value;
    const { time, weekday } = kb.figures.runoff.countedAsOf;
    expect(asOf).toContain(`${time} ${weekday}`);
    expect(asOf).toContain(value('runoff.countDate'));
    expect(kb.article).toContain(time);
  });

  it('GIVEN the source of the figures THEN the footer credits the AJC', () => {
    const source = kb.entities.get(kb.figures.runoff.source);
    expect(source?.aliases).toContain('ajc');
    expect(embed.footer?.text).toContain(`Source: ${source?.name}`);
  });

  it('GIVEN the recount THEN a field says who called for one and how the margin compares to the 1% rule', () => {
    const recount = fieldNamed(embed, 'Recount').value;
    const runnerUp = kb.entities.get(kb.derived.runoff.runnerUp);
    expect(recount).toContain(`${runnerUp?.short} called for a recount`);
    expect(recount).toContain(`less than ${kb.figures.recountRule.thresholdPercent} percent`);
    expect(recount).toContain(`${value('runoff.marginPoints')} points, under that line`);
  });

  it('GIVEN the card THEN it quotes the article sentences for the result and the recount rule', () => {
    const quoted = fieldNamed(embed, 'From the article').value;
    for (const id of ['results', 'recount-rule']) {
      for (const q of kb.factById.get(id)?.quotes ?? []) expect(quoted).toContain(q.text);
    }
  });

  it('GIVEN the card THEN its title carries the runoff date', () => {
    expect(embed.title).toContain(value('runoff.date'));
  });

  it('GIVEN the reply THEN it is public and within Discord limits', () => {
    const reply = runCommand(engine, 'results').reply;
    expect(reply.flags).toBeUndefined();
    expect(limitProblems(reply)).toEqual([]);
  });
});
