/**
 * Figures the article implies but does not print (margin in points, recount eligibility, the poll's
 * miss, calendar dates of "Monday" and "Thursday"), computed from the stored figures when a pack
 * loads so nothing is typed twice. Pure: figures in, derived figures out.
 */
import type { Figures } from './schema.ts';
import { addDays, apLongDate, type CalendarDate, daysSinceWeekday, parseIsoDate } from './text.ts';

/** Decimal places a figure was written with (50.41 -> 2, 26 -> 0). */
export function decimalsOf(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** a - b without binary floating-point noise, at the precision of the inputs. */
export function preciseDiff(a: number, b: number): { value: number; decimals: number } {
  const decimals = Math.max(decimalsOf(a), decimalsOf(b));
  const scale = 10 ** decimals;
  return { value: (Math.round(a * scale) - Math.round(b * scale)) / scale, decimals };
}

/** Formats a figure with a fixed number of decimals ("0.82", "6.2", "5"). */
export function formatFigure(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

function requireDate(iso: string): CalendarDate {
  const d = parseIsoDate(iso);
  if (!d) throw new Error(`not a calendar date: ${iso}`);
  return d;
}

/** Candidate ids ordered by share, leader first. */
export function sortedByShare(shares: Readonly<Record<string, number>>): string[] {
  return Object.keys(shares).sort((a, b) => (shares[b] ?? 0) - (shares[a] ?? 0));
}

export interface Derived {
  readonly runoff: {
    readonly date: CalendarDate;
    readonly countDate: CalendarDate;
    readonly leader: string;
    readonly runnerUp: string;
    readonly marginPoints: number;
    readonly marginPointsText: string;
    readonly sharesTotal: number;
  };
  readonly recount: { readonly eligible: boolean };
  readonly general: { readonly date: CalendarDate; readonly leader: string; readonly leadPointsText: string };
  readonly poll: {
    readonly released: CalendarDate;
    readonly leader: string;
    readonly leadPointsText: string;
    /** How far the poll's margin was from the result's, in points. */
    readonly missPointsText: string;
    /** |result - poll| per candidate, in points. */
    readonly gapText: Readonly<Record<string, string>>;
    readonly totalWithUndecided: number;
    readonly daysBeforeRunoff: number;
  };
  readonly precedent: { readonly diffVotes: number };
  readonly annexation: { readonly approvedDate: CalendarDate };
  readonly provisional: { readonly countedDate: CalendarDate };
  readonly endorsementDate: CalendarDate;
  readonly correctionDate: CalendarDate;
}

/** Computes every derived figure. Throws only on dates that cannot be parsed (checked before). */
export function deriveFigures(f: Figures): Derived {
  const runoffDate = requireDate(f.runoff.date);
  const [leader = '', runnerUp = ''] = sortedByShare(f.runoff.shares);
  const margin = preciseDiff(f.runoff.shares[leader] ?? 0, f.runoff.shares[runnerUp] ?? 0);
  const sharesTotal = Object.values(f.runoff.shares).reduce((a, b) => a + b, 0);

  const [gLeader = '', gSecond = ''] = sortedByShare(f.general.shares);
  const gLead = preciseDiff(f.general.shares[gLeader] ?? 0, f.general.shares[gSecond] ?? 0);

  const [pLeader = '', pSecond = ''] = sortedByShare(f.poll.shares);
  const pLead = preciseDiff(f.poll.shares[pLeader] ?? 0, f.poll.shares[pSecond] ?? 0);
  // The poll's margin for the eventual winner minus the result's margin for the winner.
  const pollWinnerMargin = preciseDiff(f.poll.shares[leader] ?? 0, f.poll.shares[runnerUp] ?? 0);
  const miss = preciseDiff(margin.value, pollWinnerMargin.value);
  const gapText: Record<string, string> = {};
  for (const c of Object.keys(f.runoff.shares)) {
    const gap = preciseDiff(f.runoff.shares[c] ?? 0, f.poll.shares[c] ?? 0);
    gapText[c] = formatFigure(Math.abs(gap.value), gap.decimals);
  }
  const released = requireDate(f.poll.released);

  const countDays = daysSinceWeekday(runoffDate, f.runoff.countedAsOf.weekday);
  const annexDays = daysSinceWeekday(runoffDate, f.annexation.approvedWeekday) ?? 0;
  const provisionalDays = daysSinceWeekday(runoffDate, f.provisional.countedWeekday);

  return {
    runoff: {
      date: runoffDate,
      // "as of 12:40 a.m. Wednesday" after a Tuesday runoff: the Wednesday after it.
      countDate: addDays(runoffDate, countDays === undefined ? 0 : (7 - countDays) % 7),
      leader,
      runnerUp,
      marginPoints: margin.value,
      marginPointsText: formatFigure(margin.value, margin.decimals),
      sharesTotal,
    },
    recount: { eligible: margin.value < f.recountRule.thresholdPercent },
    general: {
      date: requireDate(f.general.date),
      leader: gLeader,
      leadPointsText: formatFigure(gLead.value, gLead.decimals),
    },
    poll: {
      released,
      leader: pLeader,
      leadPointsText: formatFigure(pLead.value, pLead.decimals),
      missPointsText: formatFigure(Math.abs(miss.value), miss.decimals),
      gapText,
      totalWithUndecided: Object.values(f.poll.shares).reduce((a, b) => a + b, 0) + f.poll.undecided,
      daysBeforeRunoff: daysBetween(released, runoffDate),
    },
    precedent: { diffVotes: f.runoff.marginVotes - f.precedent.marginVotes },
    annexation: { approvedDate: addDays(runoffDate, -annexDays) },
    provisional: {
      countedDate: addDays(runoffDate, provisionalDays === undefined ? 0 : (7 - provisionalDays) % 7),
    },
    endorsementDate: requireDate(f.endorsementDate.date),
    correctionDate: requireDate(f.correction.date),
  };
}

/**
 * The flat table answer templates draw from: `{runoff.shares.bottoms}` -> "50.41".
 * Every entry is a stored figure or one computed above.
 */
export function templateValues(f: Figures, d: Derived, nameOf: (id: string) => string): Map<string, string> {
  const v = new Map<string, string>();
  const put = (k: string, value: string | number) => v.set(k, String(value));
  put('runoff.date', apLongDate(d.runoff.date));
  put('runoff.weekday', f.runoff.weekday);
  put('runoff.countDate', apLongDate(d.runoff.countDate));
  put(
    'runoff.countedAsOf',
    `${f.runoff.countedAsOf.time} ${f.runoff.countedAsOf.weekday}, ${apLongDate(d.runoff.countDate)}`,
  );
  for (const [c, s] of Object.entries(f.runoff.shares)) put(`runoff.shares.${c}`, s);
  put('runoff.marginVotes', f.runoff.marginVotes);
  put('runoff.marginPoints', d.runoff.marginPointsText);
  put('runoff.winner', nameOf(f.runoff.winner));
  put('general.date', apLongDate(d.general.date));
  for (const [c, s] of Object.entries(f.general.shares)) put(`general.shares.${c}`, s);
  put('general.leadPoints', d.general.leadPointsText);
  put('poll.sample', f.poll.sample);
  put('poll.released', apLongDate(d.poll.released));
  for (const [c, s] of Object.entries(f.poll.shares)) put(`poll.shares.${c}`, s);
  put('poll.undecided', f.poll.undecided);
  put('poll.leadPoints', d.poll.leadPointsText);
  put('poll.missPoints', d.poll.missPointsText);
  for (const [c, g] of Object.entries(d.poll.gapText)) put(`poll.gap.${c}`, g);
  put('poll.daysBeforeRunoff', d.poll.daysBeforeRunoff);
  put('recountRule.thresholdPercent', f.recountRule.thresholdPercent);
  put('recount.comparison', d.recount.eligible ? 'under' : 'not under');
  put('recount.yesNo', d.recount.eligible ? 'Yes' : 'No');
  put('precedent.year', f.precedent.year);
  put('precedent.marginVotes', f.precedent.marginVotes);
  put('precedent.diffVotes', d.precedent.diffVotes);
  put('annexation.approvedDate', apLongDate(d.annexation.approvedDate));
  put('provisional.countedDate', apLongDate(d.provisional.countedDate));
  put('outgoingMayor.since', f.outgoingMayor.since);
  put('endorsementDate.date', apLongDate(d.endorsementDate));
  put('alumna.classYear', f.alumna.classYear);
  put('poll.undecidedCount', Math.round((f.poll.undecided / 100) * f.poll.sample));
  const general = Object.values(f.general.shares);
  const topTwo = general.reduce((a, b) => a + b, 0);
  put('general.topTwo', topTwo);
  put('general.others', formatFigure(100 - topTwo, Math.max(0, ...general.map(decimalsOf))));
  const generalDays = daysBetween(d.general.date, d.runoff.date);
  put('general.daysBeforeRunoff', generalDays);
  put(
    'general.weeksBeforeRunoff',
    generalDays % 7 === 0 ? String(generalDays / 7) : (generalDays / 7).toFixed(1),
  );
  for (const c of Object.keys(f.runoff.shares)) {
    const change = preciseDiff(f.runoff.shares[c] ?? 0, f.general.shares[c] ?? 0);
    put(`change.${c}`, formatFigure(change.value, change.decimals));
  }
  put('precedent.yearsBefore', d.runoff.date.year - f.precedent.year);
  for (const [c, s] of Object.entries(f.runoff.shares)) put(`runoff.majority.${c}`, s > 50 ? 'Yes' : 'No');
  put('endorsementDate.daysBeforeRunoff', daysBetween(d.endorsementDate, d.runoff.date));
  return v;
}
