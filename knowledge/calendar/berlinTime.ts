/**
 * The Berlin wall clock, defined once: the Kommunen, their opening hours and the citizens' "morgen um 10"
 * all live in Europe/Berlin, whatever the server's own time zone. Everything that turns an instant into a
 * day and a time of day, or back, goes through here (the calendar, the date/time understanding, the ticket
 * list's CSV).
 */
import { WEEKDAYS, type Weekday } from '../schema';

const TIME_ZONE = 'Europe/Berlin';

/** A calendar day on the Berlin wall clock. */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

export interface BerlinParts {
  date: CivilDate;
  weekday: Weekday;
  /** Minutes since midnight. */
  minutes: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fieldsOf(at: Date): Fields {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

export function berlinParts(at: Date): BerlinParts {
  const f = fieldsOf(at);
  const date = { y: f.year, m: f.month, d: f.day };
  return { date, weekday: weekdayOf(date), minutes: f.hour * 60 + f.minute };
}

/**
 * A Date whose local fields show the Berlin wall-clock time of `at` (to the second). The date/time
 * recognizer computes in the process's local time; handed such a Date, its answers are Berlin times,
 * whatever the server's own zone.
 */
export function berlinWallClock(at: Date): Date {
  const f = fieldsOf(at);
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** Offset of Berlin from UTC at `at`, in minutes (60 in winter, 120 in summer). */
function berlinOffset(at: Date): number {
  const f = fieldsOf(at);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The instant of a Berlin wall-clock time (times skipped by the spring switch move forward an hour). */
export function fromBerlin(date: CivilDate, minutes: number): Date {
  const naive = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  let guess = naive - berlinOffset(new Date(naive)) * 60000;
  guess = naive - berlinOffset(new Date(guess)) * 60000;
  return new Date(guess);
}

export function weekdayOf(date: CivilDate): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7];
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((Date.UTC(to.y, to.m - 1, to.d) - Date.UTC(from.y, from.m - 1, from.d)) / 86400000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-24". */
export const isoDate = (date: CivilDate): string => `${date.y}-${pad(date.m)}-${pad(date.d)}`;

/** Whether two instants fall on the same day in Berlin. */
export function sameBerlinDay(a: Date, b: Date): boolean {
  return isoDate(berlinParts(a).date) === isoDate(berlinParts(b).date);
}
