/**
 * Text helpers for the knowledge pack: whitespace normalisation, the article's PDF-artefact
 * corrections, and AP-style dates. Pure functions, no I/O.
 */

/** Collapses every run of whitespace to one space and trims, so quotes survive line wrapping. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One repair of the article's PDF text: a run-together word, a split name, or an editorial fix. */
export interface TextCorrection {
  readonly find: string;
  readonly replace: string;
  readonly kind: 'spacing' | 'name' | 'editorial';
  readonly note?: string | undefined;
}

/** A sentence as the article prints it and as the bot shows it, with the notes for what changed. */
export interface CleanedText {
  readonly text: string;
  /** Notes of the name and editorial corrections applied (spacing fixes need no note). */
  readonly notes: readonly string[];
}

/** Applies the pack's corrections to a verbatim article sentence. */
export function cleanText(verbatim: string, corrections: readonly TextCorrection[]): CleanedText {
  let text = normaliseWhitespace(verbatim);
  const notes: string[] = [];
  for (const c of corrections) {
    if (!text.includes(c.find)) continue;
    text = text.split(c.find).join(c.replace);
    if (c.kind !== 'spacing' && c.note) notes.push(c.note);
  }
  return { text, notes };
}

const AP_MONTHS = [
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
] as const;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** A calendar date without a time zone, so arithmetic never drifts across DST or zones. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
}

/** Parses `YYYY-MM-DD`; returns undefined for anything else or an impossible date. */
export function parseIsoDate(iso: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** Adds whole days to a calendar date. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The English weekday name of a calendar date. */
export function weekdayOf(date: CalendarDate): string {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return WEEKDAYS[d.getUTCDay()] ?? '';
}

/** Days from the nearest earlier (or same) `weekday` to `date`, e.g. Monday before a Tuesday is 1. */
export function daysSinceWeekday(date: CalendarDate, weekday: string): number | undefined {
  const target = WEEKDAYS.indexOf(weekday as (typeof WEEKDAYS)[number]);
  if (target < 0) return undefined;
  const today = WEEKDAYS.indexOf(weekdayOf(date) as (typeof WEEKDAYS)[number]);
  return (today - target + 7) % 7;
}

/** "Dec. 5" — the form the article uses. */
export function apShortDate(date: CalendarDate): string {
  return `${AP_MONTHS[date.month - 1]} ${date.day}`;
}

/** "Dec. 5, 2017". */
export function apLongDate(date: CalendarDate): string {
  return `${apShortDate(date)}, ${date.year}`;
}

/** "12/6/17" — the form of the article's correction line. */
export function numericShortDate(date: CalendarDate): string {
  return `${date.month}/${date.day}/${String(date.year).slice(-2)}`;
}
