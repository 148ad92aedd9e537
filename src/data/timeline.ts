/** The article's events in date order, built from the pack's figures (each with its sentence). */

import type { Fact, KnowledgeBase, Quote } from './knowledge.ts';
import { apLongDate, type CalendarDate } from './text.ts';

export interface TimelineEvent {
  /** For sorting: year, month, day, and minutes into the day when known. */
  readonly sortKey: number;
  readonly when: string;
  readonly what: string;
  readonly quote: Quote | undefined;
}

function key(d: CalendarDate, minutes = 0): number {
  return ((d.year * 100 + d.month) * 100 + d.day) * 10_000 + minutes;
}

function firstQuote(kb: KnowledgeBase, factId: string): Quote | undefined {
  const f: Fact | undefined = kb.factById.get(factId);
  return f?.quotes[0];
}

/** Every dated event of the article, oldest first. */
export function buildTimeline(kb: KnowledgeBase): TimelineEvent[] {
  const f = kb.figures;
  const d = kb.derived;
  const v = (k: string) => kb.values.get(k) ?? '';
  const name = (id: string) => kb.entities.get(id)?.short ?? id;
  const events: TimelineEvent[] = [
    {
      sortKey: f.precedent.year * 100_000_000,
      when: String(f.precedent.year),
      what: `${name(f.precedent.loser)} loses the mayoral election to ${name(f.precedent.winner)} by ${f.precedent.marginVotes} votes and calls for a recount.`,
      quote: firstQuote(kb, 'precedent-2009'),
    },
    {
      sortKey: f.outgoingMayor.since * 100_000_000 + 1,
      when: String(f.outgoingMayor.since),
      what: `${name(f.outgoingMayor.entity)} becomes mayor; term limits later bar him from running again.`,
      quote: firstQuote(kb, 'reed-term'),
    },
    {
      sortKey: key(d.general.date),
      when: apLongDate(d.general.date),
      what: `General election: Bottoms first with ${v('general.shares.bottoms')}%, Norwood second with ${v('general.shares.norwood')}%.`,
      quote: firstQuote(kb, 'general-election'),
    },
    {
      sortKey: key(d.endorsementDate),
      when: apLongDate(d.endorsementDate),
      what: 'Former Mayor Shirley Franklin and Peter Aman announce their support for Norwood.',
      quote: firstQuote(kb, 'endorsements-norwood'),
    },
    {
      sortKey: key(d.poll.released),
      when: apLongDate(d.poll.released),
      what: `WSBTV/AJC/Landmark poll: Norwood ${v('poll.shares.norwood')}%, Bottoms ${v('poll.shares.bottoms')}%, ${v('poll.undecided')}% undecided.`,
      quote: firstQuote(kb, 'poll'),
    },
    {
      sortKey: key(d.annexation.approvedDate),
      when: `${f.annexation.approvedWeekday}, ${apLongDate(d.annexation.approvedDate)}`,
      what: "The Atlanta City Council approves Emory's petition for annexation; voters in the annexed area cannot vote in the runoff.",
      quote: firstQuote(kb, 'annexation'),
    },
    {
      sortKey: key(d.runoff.date),
      when: `${f.runoff.weekday}, ${apLongDate(d.runoff.date)}`,
      what: 'Runoff election between Keisha Lance Bottoms and Mary Norwood.',
      quote: firstQuote(kb, 'runoff-date'),
    },
    {
      sortKey: key(d.runoff.countDate, 40),
      when: v('runoff.countedAsOf'),
      what: `Count as of this time: Bottoms ${v('runoff.shares.bottoms')}%, Norwood ${v('runoff.shares.norwood')}%, ${v('runoff.marginVotes')} votes apart. Bottoms claims victory; Norwood calls for a recount; Reed introduces Bottoms as his successor.`,
      quote: firstQuote(kb, 'winner'),
    },
    {
      sortKey: key(d.provisional.countedDate),
      when: `${f.provisional.countedWeekday}, ${apLongDate(d.provisional.countedDate)}`,
      what: 'Provisional votes are to be counted, according to Norwood.',
      quote: firstQuote(kb, 'ballots-outstanding'),
    },
    {
      sortKey: key(d.correctionDate, 23 * 60 + 34),
      when: `${f.correction.time} ${apLongDate(d.correctionDate)}`,
      what: 'The article is corrected: an earlier version repeated the word "dreams" in Bottoms\' quote.',
      quote: firstQuote(kb, 'correction'),
    },
  ];
  return events.sort((a, b) => a.sortKey - b.sortKey);
}
