import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/data/knowledge.ts';
import { loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let kb: KnowledgeBase;
let embed: APIEmbed;
beforeAll(() => {
  const engine = loadTestEngine();
  kb = engine.kb;
  embed = onlyEmbed(runCommand(engine, 'timeline').reply);
});

const MONTHS = [
  'Jan.',
  'Feb.',
  'March',
  'April',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface When {
  /** [year, month, day, minutes]; a bare year sorts before every day of it. */
  readonly key: readonly [number, number, number, number];
  readonly weekday?: string;
}

/**
 * Reads a timeline heading as a person would: "2009", "Nov. 7, 2017", "Monday, Dec. 4, 2017",
 * "12:40 a.m. Wednesday, Dec. 6" (the year carried from the line before), "11:34 p.m. Dec. 6".
 */
function readWhen(text: string, previousYear: number | undefined): When {
  if (/^\d{4}$/.test(text)) return { key: [Number(text), 0, 0, 0] };
  const m =
    /^(?:(\d{1,2}):(\d{2}) ([ap])\.m\. )?(?:([A-Z][a-z]+day),? )?([A-Z][a-z]+\.?) (\d{1,2})(?:, (\d{4}))?$/.exec(
      text,
    );
  if (!m) throw new Error(`cannot read the date "${text}"`);
  const [, hh, mm, ampm, weekday, monthName, day, year] = m;
  const month = MONTHS.indexOf(monthName ?? '') + 1;
  if (month === 0) throw new Error(`unknown month in "${text}"`);
  const y = year ? Number(year) : previousYear;
  if (y === undefined) throw new Error(`no year for "${text}"`);
  const minutes = hh ? ((Number(hh) % 12) + (ampm === 'p' ? 12 : 0)) * 60 + Number(mm) : 0;
  return { key: [y, month, Number(day), minutes], ...(weekday ? { weekday } : {}) };
}

function readAll(e: APIEmbed): When[] {
  let year: number | undefined;
  return (e.fields ?? []).map((f) => {
    const w = readWhen(f.name, year);
    year = w.key[0];
    return w;
  });
}

function compareKeys(a: When['key'], b: When['key']): number {
  for (let i = 0; i < 4; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

describe('/timeline', () => {
  it('GIVEN the events THEN every heading is a date a reader can place', () => {
    expect(embed.fields?.length ?? 0).toBeGreaterThan(5);
    expect(() => readAll(embed)).not.toThrow();
  });

  it('GIVEN the events THEN they are in date order, oldest first', () => {
    const whens = readAll(embed);
    for (let i = 1; i < whens.length; i++) {
      const [prev, cur] = [whens[i - 1], whens[i]];
      if (!prev || !cur) continue;
      expect(
        compareKeys(prev.key, cur.key),
        `${embed.fields?.[i - 1]?.name} before ${embed.fields?.[i]?.name}`,
      ).toBeLessThanOrEqual(0);
    }
  });

  it('GIVEN a heading with a weekday THEN the weekday matches the calendar date', () => {
    const named = readAll(embed).filter((w) => w.weekday);
    expect(named.length).toBeGreaterThan(0);
    for (const w of named) {
      const [y, m, d] = w.key;
      expect(WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()], w.key.join('-')).toBe(w.weekday);
    }
  });

  it('GIVEN the race THEN the general election, the poll, the runoff and 2009 are on it', () => {
    const names = (embed.fields ?? []).map((f) => f.name);
    for (const key of ['general.date', 'poll.released', 'runoff.date', 'precedent.year']) {
      const v = kb.values.get(key) ?? `<no ${key}>`;
      expect(
        names.some((n) => n.includes(v)),
        key,
      ).toBe(true);
    }
  });

  it('GIVEN the runoff entry THEN it says the runoff was between the two candidates', () => {
    const runoff = (embed.fields ?? []).find((f) => f.name.includes(kb.values.get('runoff.date') ?? '?'));
    for (const c of kb.candidates) expect(runoff?.value).toContain(c.name);
  });
});
